import { existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, createMemoryLogger, isSecretKey, logDir, nullLogger, REDACTED } from '../../../../../electron/core/logging/logger.ts';
import { readLogLines } from '../../../../../electron/core/logging/readLogTail.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const AT = new Date('2026-11-23T09:03:04.005Z');
const TOKEN = 'tok-3f9a1c7e5b2d4a6f8e0c1b3d5f7a9c2e';
const PIN_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

describe('createLogger', () => {
  it('writes one JSON object a line: level as a word, local time with offset, module, message, no hostname', () => {
    const dir = tempDir();
    const log = createLogger({ dir, timeZone: 'Europe/Moscow', now: () => AT });
    log.logger.child({ module: 'buttons' }).warn({ path: '/dev/ttyUSB0' }, 'device unplugged');
    log.close();
    const lines = readFileSync(join(dir, 'okno.log'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toEqual({ level: 'warn', time: '2026-11-23T12:03:04.005+03:00', pid: process.pid, module: 'buttons', path: '/dev/ttyUSB0', msg: 'device unplugged' });
    expect(log.droppedLines()).toBe(0);
  });

  it('follows a time zone given as a function: the config that runs now (the system zone before one)', () => {
    const dir = tempDir();
    let zone: string | undefined = 'Asia/Vladivostok';
    const log = createLogger({ dir, timeZone: () => zone, now: () => AT });
    log.logger.info('first');
    zone = 'Europe/Moscow';
    log.logger.info('second');
    log.close();
    expect(readLogLines(dir, 10).map((line) => JSON.parse(line).time)).toEqual(['2026-11-23T19:03:04.005+10:00', '2026-11-23T12:03:04.005+03:00']);
  });

  it('keeps below the level quiet', () => {
    const dir = tempDir();
    const log = createLogger({ dir, level: 'warn' });
    log.logger.info('not written');
    log.logger.error('written');
    log.close();
    expect(readLogLines(dir, 10).map((line) => JSON.parse(line).msg)).toEqual(['written']);
  });

  it('rotates by size and keeps the configured number of files, newest lines in okno.log', () => {
    const dir = tempDir();
    const log = createLogger({ dir, maxBytes: 2048, files: 3, now: () => AT, timeZone: 'UTC' });
    for (let i = 0; i < 200; i += 1) log.logger.info({ i }, `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['okno.1.log', 'okno.2.log', 'okno.log']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(2048);
    const kept = readLogLines(dir, 1000).map((line) => JSON.parse(line).i as number);
    // Whole lines only, in order, ending with the last one written.
    expect(kept.at(-1)).toBe(199);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, k) => 200 - kept.length + k));
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.length).toBeLessThan(200);
  });

  it('continues an existing okno.log after a restart, and rotates it when it is full', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'okno.log'), `${'{"level":"info","msg":"old"}\n'.repeat(80)}`);
    const log = createLogger({ dir, maxBytes: 2048, files: 2 });
    log.logger.info('new');
    log.close();
    expect(readFileSync(join(dir, 'okno.1.log'), 'utf8')).toContain('"old"');
    expect(readLogLines(dir, 1).map((line) => JSON.parse(line).msg)).toEqual(['new']);
  });

  it('logDir is <dataDir>/logs', () => {
    expect(logDir('/var/lib/okno')).toBe(join('/var/lib/okno', 'logs'));
  });
});

describe('a logger never throws at its caller', () => {
  it('drops and counts lines it cannot write (no directory), and says so once it can write again', () => {
    const parent = tempDir();
    const dir = join(parent, 'logs');
    writeFileSync(dir, 'a file where the log directory should be');
    const log = createLogger({ dir });
    expect(() => {
      log.logger.info('one');
      log.logger.warn('two');
    }).not.toThrow();
    expect(log.droppedLines()).toBe(2);
    rmSync(dir);
    log.logger.info('three');
    log.close();
    const entries = readLogLines(dir, 10).map((line) => JSON.parse(line));
    expect(entries.map((entry) => entry.msg)).toEqual(['2 log line(s) could not be written (disk full or unavailable)', 'three']);
    expect(entries[0]).toMatchObject({ level: 'warn', module: 'logging', dropped: 2 });
    expect(log.droppedLines()).toBe(2);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk (ENOSPC) drops lines without an exception', () => {
    const dir = tempDir();
    symlinkSync('/dev/full', join(dir, 'okno.log'));
    const log = createLogger({ dir });
    for (let i = 0; i < 5; i += 1) expect(() => log.logger.error({ i }, 'disk full')).not.toThrow();
    expect(log.droppedLines()).toBe(5);
    log.close();
  });

  it('circular objects, BigInts and throwing getters are logged as far as they can be', () => {
    const memory = createMemoryLogger();
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const hostile = {
      get boom(): never {
        throw new Error('getter');
      },
    };
    expect(() => {
      memory.logger.info({ circular, big: 10n }, 'odd values');
      memory.logger.info(hostile, 'hostile');
    }).not.toThrow();
    const [odd, bad] = memory.entries();
    expect(odd).toMatchObject({ circular: { a: 1, self: '[circular]' }, msg: 'odd values' });
    expect(bad).toMatchObject({ logError: 'fields could not be logged', msg: 'hostile' });
  });

  it('nullLogger writes nothing and accepts everything', () => {
    expect(() => nullLogger.child({ module: 'x' }).error({ token: TOKEN }, 'nothing')).not.toThrow();
    expect(nullLogger.isLevelEnabled('error')).toBe(false);
  });
});

describe('redaction', () => {
  it('censors a token, a PIN and a PIN hash passed by mistake, at any depth and in child bindings', () => {
    const memory = createMemoryLogger();
    const config = { device: { id: 'w5' }, sync: { endpoint: 'https://c.example/', token: TOKEN }, technician: { pinHash: PIN_HASH } };
    memory.logger.child({ module: 'sync', deviceToken: TOKEN }).info({ config, headers: { Authorization: `Bearer ${TOKEN}` }, pin: '1234', nested: [{ api_key: TOKEN }] }, 'saved');
    const [line] = memory.lines();
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(PIN_HASH);
    expect(line).not.toContain('1234');
    const entry = JSON.parse(line!);
    expect(entry.config.sync).toEqual({ endpoint: 'https://c.example/', token: REDACTED });
    expect(entry.config.technician).toEqual({ pinHash: REDACTED });
    expect(entry.headers.Authorization).toBe(REDACTED);
    expect(entry.deviceToken).toBe(REDACTED);
    expect(entry.pin).toBe(REDACTED);
    expect(entry.nested).toEqual([{ api_key: REDACTED }]);
    // The caller's object is not changed.
    expect(config.sync.token).toBe(TOKEN);
  });

  it('scrubs bearer tokens, PIN hashes and token= from messages and errors', () => {
    const memory = createMemoryLogger();
    const error = Object.assign(new Error(`401 for Authorization: Bearer ${TOKEN}`), { code: 'EAUTH', token: TOKEN });
    memory.logger.error({ err: error }, `request with Bearer ${TOKEN} and ?token=${TOKEN} failed; hash ${PIN_HASH}`);
    const [line] = memory.lines();
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(PIN_HASH);
    const entry = JSON.parse(line!);
    expect(entry.err).toMatchObject({ type: 'Error', code: 'EAUTH', token: REDACTED });
    expect(entry.err.message).toBe(`401 for Authorization: Bearer ${REDACTED}`);
    expect(entry.msg).toContain(`Bearer ${REDACTED}`);
  });

  it('the office hub’s token is redacted wherever it appears (hub.token, hubToken), its address is not', () => {
    const memory = createMemoryLogger();
    memory.logger.info({ config: { hub: { url: 'https://192.168.1.10:8443/', token: TOKEN } }, hubToken: TOKEN }, 'hub configured');
    const [line] = memory.lines();
    expect(line).not.toContain(TOKEN);
    expect(memory.entries()[0]).toMatchObject({ config: { hub: { url: 'https://192.168.1.10:8443/', token: REDACTED } }, hubToken: REDACTED });
  });

  it('names that merely contain the letters stay (ping, spinner, shipping, tokens counted)', () => {
    expect(['token', 'syncToken', 'Authorization', 'pin', 'pinHash', 'PIN', 'api-key', 'password', 'clientSecret'].filter((key) => !isSecretKey(key))).toEqual([]);
    expect(['ping', 'spinner', 'shipping', 'pid', 'path', 'tokenCount', 'opinion'].filter((key) => isSecretKey(key))).toEqual([]);
    const memory = createMemoryLogger();
    memory.logger.info({ ping: 12, spinner: 'on', tokenCount: 3 }, 'fine');
    expect(memory.entries()[0]).toMatchObject({ ping: 12, spinner: 'on', tokenCount: 3 });
  });
});
