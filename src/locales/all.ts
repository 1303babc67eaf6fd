// Every built-in language at once, for the ESM library (a bundler splits what a site does not use); the script tag
// fetches them one at a time instead.
import { ar } from './ar.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { he } from './he.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { nl } from './nl.js';
import { pt } from './pt.js';
import { addTranslations } from './registry.js';
import { zh } from './zh.js';

addTranslations({ es, fr, de, it, pt, nl, ja, zh, ko, ar, he });
