import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/**
 * The hub's TLS identity: a self-signed certificate made on first start and kept in the data
 * directory, so its fingerprint, which every device pins (`hub.fingerprint`), stays the same across
 * restarts. There is no CA on an office LAN; the pinned fingerprint is what a device trusts.
 */

export const HUB_KEY_FILE = 'hub-key.pem';
export const HUB_CERT_FILE = 'hub-cert.pem';
/** Ten years: an office should not lose its hub on a forgotten renewal; a new certificate means re-pinning every device. */
const VALID_YEARS = 10;

export interface HubCertificate {
  readonly key: string;
  readonly cert: string;
  /** SHA-256 of the certificate in Node's format: upper-case hex pairs joined by ":". */
  readonly fingerprint: string;
  /** True when this start made it (the technician must pin the new fingerprint on every device). */
  readonly created: boolean;
}

export class HubCertificateError extends Error {
  override readonly name = 'HubCertificateError';
}

export const fingerprintOf = (certPem: string): string => new X509Certificate(certPem).fingerprint256;

/** The names a device may use for the hub; the fingerprint is what is checked, these only help tools that look. */
export interface AltName {
  readonly type: 2 | 7;
  readonly value?: string;
  readonly ip?: string;
}

export function subjectAltNames(host: string = hostname()): AltName[] {
  const names: AltName[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
  ];
  if (host && host !== 'localhost') names.push({ type: 2, value: host });
  return names;
}

async function makeCertificate(officeId: string): Promise<{ key: string; cert: string }> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  const pems = await generate([{ name: 'commonName', value: `okno hub ${officeId}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames().map((name) => ({ ...name })) },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Writes a file in full or not at all (a power cut between key and certificate must not leave a half pair). */
function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
}

/** The pair in `dataDir`, made there on first start. A damaged pair is refused, never silently replaced (that would change the fingerprint). */
export async function ensureHubCertificate(dataDir: string, officeId: string): Promise<HubCertificate> {
  const keyFile = join(dataDir, HUB_KEY_FILE);
  const certFile = join(dataDir, HUB_CERT_FILE);
  const haveKey = existsSync(keyFile);
  const haveCert = existsSync(certFile);
  if (haveKey && haveCert) return { ...readPair(keyFile, certFile), created: false };
  if (haveKey !== haveCert) {
    throw new HubCertificateError(
      `${haveKey ? certFile : keyFile} is missing but ${haveKey ? keyFile : certFile} is there: restore it, or move both aside to make a new certificate (then pin the new fingerprint on every device)`,
    );
  }
  const made = await makeCertificate(officeId);
  // The key first: a certificate alone is never on disk without its key.
  writeAtomically(keyFile, made.key, 0o600);
  writeAtomically(certFile, made.cert, 0o644);
  return { ...made, fingerprint: fingerprintOf(made.cert), created: true };
}

function readPair(keyFile: string, certFile: string): { key: string; cert: string; fingerprint: string } {
  const key = readFileSync(keyFile, 'utf8');
  const cert = readFileSync(certFile, 'utf8');
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(cert);
  } catch (error) {
    throw new HubCertificateError(`${certFile} is not a certificate (${(error as Error).message}): restore it, or move both hub-*.pem files aside to make a new one`);
  }
  return { key, cert, fingerprint };
}

/** The fingerprint of the certificate in `dataDir`, or null when the hub has not started there yet. */
export function readHubFingerprint(dataDir: string): string | null {
  const certFile = join(dataDir, HUB_CERT_FILE);
  if (!existsSync(certFile)) return null;
  try {
    return fingerprintOf(readFileSync(certFile, 'utf8'));
  } catch (error) {
    throw new HubCertificateError(`${certFile} is not a certificate (${(error as Error).message})`);
  }
}
