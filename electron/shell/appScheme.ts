import { protocol, type Privileges } from 'electron';
import { APP_SCHEME } from './trustedUrl.ts';

/**
 * Imported for its side effect, first, by main.ts. Electron accepts privileged schemes only before
 * `ready`, and an ES-module entry point's own body may run after `ready` — only the side effects of
 * its imports are guaranteed to run before it.
 *
 * `standard` + `secure` give the page a real origin (storage, relative URLs, secure context);
 * `corsEnabled` + `supportFetchAPI` let Vite's `<script type="module" crossorigin>` load;
 * `codeCache` speeds up every start. Not `bypassCSP`, not service workers.
 */
export const APP_SCHEME_PRIVILEGES: Privileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
};

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
