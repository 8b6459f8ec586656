import { handleWorkerInvocation } from '../lib/runs/background-worker';

// Background function (the -background suffix): Netlify answers 202 at once and runs this for up
// to 15 minutes. Dispatched by the team-run function, the sweeper and itself (netlify/lib/runs/dispatch.ts).
export default handleWorkerInvocation;
