// The script tag's outbox (dist/cxkit-outbox.js), loaded by the core as the client starts, once the touchpoints have
// looked at the page (after the paint of a prompt they show then), or at once for an answer: hands the core what
// stores answers (idb and the outbox, drafts, the page lock, the checks an answer and a display pass).
import { handToCore } from './embed/part-loader.js';
import { storagePart } from './sdk/storage-part.js';

handToCore('outbox', storagePart);
