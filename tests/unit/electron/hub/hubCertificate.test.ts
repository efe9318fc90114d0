import { X509Certificate } from 'node:crypto';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureHubCertificate, HUB_CERT_FILE, HUB_KEY_FILE, HubCertificateError, readHubFingerprint, subjectAltNames } from '../../../../electron/hub/hubCertificate.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

describe('the hub certificate', () => {
  it('is made on first start (EC P-256, CN okno hub <office>, localhost and 127.0.0.1), the key 0600, then reused', async () => {
    const dir = tempDir();
    expect(readHubFingerprint(dir)).toBeNull();
    const first = await ensureHubCertificate(dir, 'mfc-tverskoy');
    expect(first.created).toBe(true);
    expect(first.fingerprint).toMatch(FINGERPRINT);
    const x509 = new X509Certificate(first.cert);
    expect(x509.subject).toContain('CN=okno hub mfc-tverskoy');
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.publicKey.asymmetricKeyType).toBe('ec');
    expect(x509.checkPrivateKey(await import('node:crypto').then((crypto) => crypto.createPrivateKey(first.key)))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(join(dir, HUB_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = await ensureHubCertificate(dir, 'mfc-tverskoy');
    expect(second).toMatchObject({ created: false, fingerprint: first.fingerprint, cert: first.cert, key: first.key });
    expect(readHubFingerprint(dir)).toBe(first.fingerprint);
    // Valid for years, not the library's default of one.
    expect(Date.parse(x509.validTo) - Date.now()).toBeGreaterThan(5 * 365 * 86_400_000);
  });

  it('refuses half a pair instead of replacing it (a new certificate would unpin every device)', async () => {
    const dir = tempDir();
    await ensureHubCertificate(dir, 'mfc');
    rmSync(join(dir, HUB_CERT_FILE));
    await expect(ensureHubCertificate(dir, 'mfc')).rejects.toThrow(HubCertificateError);
    expect(existsSync(join(dir, HUB_KEY_FILE))).toBe(true);
  });

  it('says so when the certificate file is not a certificate', async () => {
    const dir = tempDir();
    await ensureHubCertificate(dir, 'mfc');
    writeFileSync(join(dir, HUB_CERT_FILE), 'garbage');
    expect(() => readHubFingerprint(dir)).toThrow(HubCertificateError);
    await expect(ensureHubCertificate(dir, 'mfc')).rejects.toThrow(/not a certificate/);
  });

  it('names the machine too, unless it is called localhost', () => {
    expect(subjectAltNames('hub-pc')).toContainEqual({ type: 2, value: 'hub-pc' });
    expect(subjectAltNames('localhost').filter((name) => name.value === 'localhost')).toHaveLength(1);
  });
});
