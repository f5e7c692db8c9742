/**
 * Zod compiles fast object parsers with new Function() and first probes whether it may. Under the
 * app's Content-Security-Policy (no 'unsafe-eval') the probe is refused and reported as a
 * violation, although Zod then parses without it. Saying so up front skips the probe. Imported
 * first by each browser entry point: the page (main.tsx) and the inference worker.
 */
import { z } from 'zod';

z.config({ jitless: true });
