import { EventEmitter } from 'node:events';

/**
 * A stand-in for the parts of the `electron` module the shell uses, with the behaviour that matters
 * to the tests (events, handlers, order rules such as "schemes only before ready"). Each test builds
 * a fresh one and installs it with `vi.doMock('electron', () => fake.module)`.
 */

export class FakeEvent {
  defaultPrevented = false;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  private readonly urlOf: () => string;
  readonly parent: FakeFrame | null;
  constructor(urlOf: () => string, parent: FakeFrame | null = null) {
    this.urlOf = urlOf;
    this.parent = parent;
  }
  get url(): string {
    return this.urlOf();
  }
}

export interface FakeInput {
  key: string;
  code: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  private currentUrl = '';
  private destroyed = false;
  readonly loads: string[] = [];
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  crashRequests = 0;
  devToolsToggles = 0;
  zoomLimits: [number, number] | null = null;
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly mainFrame = new FakeFrame(() => this.currentUrl);
  /** Set by FakeIpcRenderer.connect: where `send` delivers in a round-trip test. */
  deliver: ((channel: string, args: unknown[]) => void) | null = null;

  getURL(): string {
    return this.currentUrl;
  }
  /** As if the page had navigated there by itself. */
  setURL(url: string): void {
    this.currentUrl = url;
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.currentUrl = url;
    return Promise.resolve();
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // Electron serialises with structured clone: what arrives is a copy.
    const copy = structuredClone(args);
    this.sent.push({ channel, args: copy });
    this.deliver?.(channel, copy);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  toggleDevTools(): void {
    this.devToolsToggles += 1;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
    return Promise.resolve();
  }
  /** Electron answers with `render-process-gone` (reason "killed"). */
  forcefullyCrashRenderer(): void {
    this.crashRequests += 1;
    this.crash('killed');
  }
  crash(reason: string = 'crashed'): void {
    this.emit('render-process-gone', new FakeEvent(), { reason, exitCode: 1 });
  }
  /** Fires `before-input-event` like Chromium does; answers whether the page would see the key. */
  press(input: FakeInput): boolean {
    const event = new FakeEvent();
    this.emit('before-input-event', event, {
      type: 'keyDown',
      isAutoRepeat: false,
      isComposing: false,
      location: 0,
      modifiers: [],
      control: false,
      meta: false,
      alt: false,
      shift: false,
      ...input,
    });
    return !event.defaultPrevented;
  }
  /** Emits a navigation-type event the way Electron 45 does; answers whether it may go ahead. */
  attempt(eventName: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string, isMainFrame = true): boolean {
    const event = new FakeEvent({ url, isMainFrame, isSameDocument: false, frame: null });
    this.emit(eventName, event, url, false, isMainFrame, 1, 1);
    return !event.defaultPrevented;
  }
}

export class FakeApp extends EventEmitter {
  ready = false;
  /** Electron's app.isPackaged: false when run from the source tree (`electron .`). */
  isPackaged = false;
  lockAvailable = true;
  quitCalls = 0;
  exitCode: number | null = null;
  relaunchCalls = 0;
  readonly paths = new Map<string, string>([['userData', '/tmp/okno-fake-user-data']]);

  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    this.ready = true;
    this.emit('ready');
    return Promise.resolve();
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`unknown path ${name}`);
    return path;
  }
  /** Set when a quit went through: nobody prevented `before-quit`. */
  quitted = false;

  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  relaunch(): void {
    this.relaunchCalls += 1;
  }
}

export interface FakeInvokeEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}

type Handler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    // Electron refuses a second handler for a channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would resolve to: handler result after a structured-clone round trip. */
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
}

export class FakeIpcRenderer extends EventEmitter {
  private route: ((channel: string, args: unknown[]) => Promise<unknown>) | null = null;
  /** Wires this renderer to a main process as the page in `contents`' main frame. */
  connect(ipcMain: FakeIpcMain, contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame): void {
    this.route = (channel, args) => ipcMain.invoke(channel, { sender: contents, senderFrame: frame }, ...args);
    contents.deliver = (channel, args) => this.emit(channel, { sender: this }, ...args);
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    if (this.route === null) return Promise.reject(new Error('not connected'));
    return this.route(channel, args);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  menuRemoved = false;
  visible = false;
  focused = false;
  minimized = false;
  private destroyed = false;

  readonly options: Record<string, unknown>;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.created.push(this);
    FakeBrowserWindow.onCreate?.(this);
  }
  static onCreate: ((window: FakeBrowserWindow) => void) | null = null;

  removeMenu(): void {
    this.menuRemoved = true;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  /** A close request (window manager, Alt+F4); answers whether the window actually closed. */
  requestClose(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    return true;
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: DevicePermissionHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    this.devicePermissionHandler = handler;
  }
}

export function createFakeElectron() {
  const app = new FakeApp();
  const ipcMain = new FakeIpcMain();
  const ipcRenderer = new FakeIpcRenderer();
  const defaultSession = new FakeSession();
  const privilegedSchemes: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const blockers = new Map<number, string>();
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const applicationMenus: unknown[] = [];
  const exposed = new Map<string, unknown>();
  FakeBrowserWindow.created.length = 0;
  FakeBrowserWindow.onCreate = (window) => app.emit('web-contents-created', new FakeEvent(), window.webContents);

  const module = {
    app,
    ipcMain,
    ipcRenderer,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      setApplicationMenu(menu: unknown): void {
        applicationMenus.push(menu);
      },
    },
    session: { defaultSession },
    protocol: {
      registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
        // Electron: "can only be used before the ready event of the app module gets emitted".
        if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
        if (!app.ready) throw new Error('protocol.handle before app is ready');
        protocolHandlers.set(scheme, handler);
      },
    },
    powerSaveBlocker: {
      start(type: string): number {
        if (!app.ready) throw new Error('powerSaveBlocker before app is ready');
        const id = blockers.size + 1;
        blockers.set(id, type);
        return id;
      },
      stop(id: number): boolean {
        return blockers.delete(id);
      },
      isStarted(id: number): boolean {
        return blockers.has(id);
      },
    },
    dialog: {
      showErrorBox(title: string, content: string): void {
        errorBoxes.push({ title, content });
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown): void {
        if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
        exposed.set(key, api);
      },
    },
  };
  return {
    module: { ...module, default: module },
    app,
    ipcMain,
    ipcRenderer,
    defaultSession,
    privilegedSchemes,
    protocolHandlers,
    blockers,
    errorBoxes,
    applicationMenus,
    exposed,
    windows: FakeBrowserWindow.created,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
