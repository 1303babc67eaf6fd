// Every built-in language at once, for the ESM library (a bundler splits what a site does not use); the script tag
// fetches them one at a time instead.
import { ar } from './languages/ar.js';
import { cs } from './languages/cs.js';
import { da } from './languages/da.js';
import { de } from './languages/de.js';
import { es } from './languages/es.js';
import { fi } from './languages/fi.js';
import { fr } from './languages/fr.js';
import { he } from './languages/he.js';
import { it } from './languages/it.js';
import { ja } from './languages/ja.js';
import { ko } from './languages/ko.js';
import { nb } from './languages/nb.js';
import { nl } from './languages/nl.js';
import { pl } from './languages/pl.js';
import { pt } from './languages/pt.js';
import { addTranslations } from './registry.js';
import { ru } from './languages/ru.js';
import { sv } from './languages/sv.js';
import { tr } from './languages/tr.js';
import { uk } from './languages/uk.js';
import { zh } from './languages/zh.js';

addTranslations({ es, fr, de, it, pt, nl, ja, zh, ko, ar, he, pl, sv, da, tr, ru, fi, nb, cs, uk });
