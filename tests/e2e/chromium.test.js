// End-to-end suite in Debian Chromium (playwright-core) with dist/chrome loaded. See scenarios.js.
import { defineScenarios } from './scenarios.js';

defineScenarios('chromium');
