// Stands in for the `got` HTTP client inside electronegativity (build/securityScan.ts): the scan
// runs on local files only. Electronegativity fetches translations at start-up and falls back to
// its bundled English when that fails, which this makes happen at once, without a connection.
'use strict';
function offlineGot(url) {
  return Promise.reject(new Error(`okno security scan is offline: no request to ${String(url)}`));
}
module.exports = offlineGot;
module.exports.default = offlineGot;
