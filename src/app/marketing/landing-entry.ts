// The prerendered landing page's only script (index.html, ADR 0083): no React for visitors who
// are signed out; the SPA for those who may be signed in.
import { enableHeaderMenu } from './header-menu';
import { takeOverWhenSignedIn } from './take-over';

if (!takeOverWhenSignedIn()) enableHeaderMenu();
