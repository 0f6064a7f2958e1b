// End-to-end suite in Firefox ESR (puppeteer-core over WebDriver BiDi) with dist/firefox installed. See scenarios.js.
import { defineScenarios } from './scenarios.js';

defineScenarios('firefox');
