import { useDocumentTitle } from '@/lib/use-document-title';
import '../landing.css';
import { ClosingCallToAction } from './closing-call-to-action';
import { FeatureGrid } from './feature-grid';
import { Hero } from './hero';
import { HowItWorks } from './how-it-works';
import { PricingTeaser } from './pricing-teaser';

export function LandingPage() {
  useDocumentTitle();
  return (
    <div className="landing">
      <Hero />
      <FeatureGrid />
      <HowItWorks />
      <PricingTeaser />
      <ClosingCallToAction />
    </div>
  );
}
