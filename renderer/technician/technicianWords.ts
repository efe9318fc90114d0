import type { Words } from '../common/i18n.ts';
import en from '../../shared/locales/technician/en.json' with { type: 'json' };
import ru from '../../shared/locales/technician/ru.json' with { type: 'json' };

/** Technician mode's words: they come with its chunk, not in a citizen's page (App adds them on arrival). */
export const technicianWords: Words = { ru, en };
