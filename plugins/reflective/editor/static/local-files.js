/* Reflective: the site's folder for the editor, through `reflective serve` (docs/editor.md).
 *
 * Sveltia CMS's "Work with Local Repository" asks the browser for a folder
 * (showDirectoryPicker, Chromium only). Served by `reflective serve` on this machine,
 * /admin/ needs no picker: the preview server already knows the site's folder and gives
 * it through a same-origin file API (/admin/api/...). This script stands in for the
 * picker with directory and file handles backed by that API, so local editing works the
 * same in every browser, and keeps the editor from asking any other host for anything.
 */
(() => {
  "use strict";
  const api = new URL("api/", document.baseURI).href;
  const headers = { "X-Reflective-Editor": "1" };

  async function call(method, op, params, body) {
    const url = api + op + "?" + new URLSearchParams(params).toString();
    const response = await fetch(url, { method, headers, body, cache: "no-store" });
    if (response.ok) return response;
    const message = await response.text();
    const name = { 404: "NotFoundError", 409: "TypeMismatchError", 403: "NotAllowedError" };
    throw new DOMException(message, name[response.status] || "InvalidStateError");
  }
  const join = (dir, name) => (dir ? dir + "/" + name : name);

  class Handle {
    constructor(kind, path) {
      this.kind = kind;
      this.path = path;
      this.name = path.split("/").pop();
      this.reflectiveHandle = true; // kept when the CMS stores the handle (see below)
    }
    async isSameEntry(other) {
      return !!other && other.kind === this.kind && other.path === this.path;
    }
    async queryPermission() { return "granted"; }
    async requestPermission() { return "granted"; }
  }

  class Writable {
    constructor(handle) { this.handle = handle; this.parts = []; }
    async write(data) {
      if (data && data.type === "write") data = data.data;
      this.parts.push(data);
    }
    async truncate() { this.parts = []; }
    async close() { await call("PUT", "file", { path: this.handle.path }, new Blob(this.parts)); }
    async abort() { this.parts = []; }
  }

  const decode = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

  // A file whose text came with the folder's listing. The CMS reads every entry with
  // file.text(), which for a File is a round trip through the browser's blob store: at
  // 6,008 files, ten at a time, 2.4 s of the listing's 3.6 s (0.6 s answered from here).
  // The bytes are the real ones (for anything else that reads the file); text() gives
  // what the blob store would: the same string, less a leading byte-order mark.
  class ListedFile extends File {
    constructor(text, name, lastModified) {
      super([text], name, { lastModified });
      this.listedText = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }
    text() { return Promise.resolve(this.listedText); }
  }

  class FileHandle extends Handle {
    constructor(path, prefetched) { super("file", path); this.prefetched = prefetched; }
    async getFile() {
      const first = this.prefetched;
      this.prefetched = null; // read from the folder listing once; later from the folder
      if (first && first.text !== undefined) return new ListedFile(first.text, this.name, first.mtime);
      if (first) return new File([decode(first.data)], this.name, { lastModified: first.mtime });
      const response = await call("GET", "file", { path: this.path });
      const blob = await response.blob();
      const lastModified = Number(response.headers.get("X-Last-Modified-Ms")) || Date.now();
      return new File([blob], this.name, { lastModified, type: blob.type });
    }
    async createWritable() { return new Writable(this); }
    async move(target, name) {
      if (typeof target === "string") { name = target; target = null; }
      const folder = target ? target.path : this.path.split("/").slice(0, -1).join("/");
      const to = join(folder, name || this.name);
      await call("POST", "move", { from: this.path, to });
      this.path = to;
      this.name = to.split("/").pop();
    }
  }

  class DirectoryHandle extends Handle {
    constructor(path, virtual, listed) {
      super("directory", path);
      this.virtual = !!virtual;
      this.listed = listed || null;
    }
    async *entries() {
      if (this.virtual) return;
      // Text files (and, in the content folder, sub-folders) come with the listing: one
      // request for a folder of posts and their comment folders. Used once, then asked.
      let listed = this.listed;
      this.listed = null;
      if (!listed) {
        const response = await call("GET", "list", { path: this.path, contents: "1" });
        listed = await response.json();
      }
      for (const entry of listed) {
        const path = join(this.path, entry.name);
        if (entry.kind === "directory") {
          yield [entry.name, new DirectoryHandle(path, false, entry.entries)];
          continue;
        }
        const known = entry.text !== undefined || entry.data !== undefined;
        yield [entry.name, new FileHandle(path, known ? entry : null)];
      }
    }
    async *keys() { for await (const [name] of this.entries()) yield name; }
    async *values() { for await (const [, handle] of this.entries()) yield handle; }
    [Symbol.asyncIterator]() { return this.entries(); }
    async child(name, kind, create) {
      if (!name || name.includes("/") || name === "." || name === "..") {
        throw new TypeError("Name is not allowed: " + name);
      }
      const path = join(this.path, name);
      try {
        await call(create ? "POST" : "GET", create ? "create" : "stat", { path, kind });
      } catch (error) {
        // The CMS checks that the folder is a repository; `reflective serve` chose the
        // folder itself, so a site not (yet) under Git is fine.
        if (!this.path && name === ".git" && error.name === "NotFoundError") {
          return new DirectoryHandle(path, true);
        }
        throw error;
      }
      return kind === "directory" ? new DirectoryHandle(path) : new FileHandle(path);
    }
    getDirectoryHandle(name, options) { return this.child(name, "directory", options && options.create); }
    getFileHandle(name, options) { return this.child(name, "file", options && options.create); }
    async removeEntry(name, options) {
      await call("DELETE", "entry", { path: join(this.path, name), recursive: options && options.recursive ? "1" : "" });
    }
    async resolve(handle) {
      if (handle.path === this.path) return [];
      const prefix = this.path ? this.path + "/" : "";
      return handle.path.startsWith(prefix) ? handle.path.slice(prefix.length).split("/") : null;
    }
  }

  const root = new DirectoryHandle("");
  window.showDirectoryPicker = async () => root;

  // The CMS keeps the picked folder in IndexedDB to reopen it on the next visit; what
  // comes back from there is a copy without methods, so give back the live one.
  const result = Object.getOwnPropertyDescriptor(IDBRequest.prototype, "result");
  Object.defineProperty(IDBRequest.prototype, "result", {
    configurable: true,
    get() {
      const value = result.get.call(this);
      return value && value.reflectiveHandle === true && value.path === "" ? root : value;
    },
  });

  // Nothing leaves this machine: the CMS's fonts, icons, locales and update check are
  // served beside it; any other host is refused (the editor works with the site's folder).
  const ownFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    if (url.origin !== location.origin && !url.protocol.startsWith("blob") && !url.protocol.startsWith("data")) {
      console.info("Reflective editor: not fetching " + url.href + " (working offline, on this machine)");
      return Promise.reject(new TypeError("offline: " + url.href));
    }
    return ownFetch(input, init);
  };
})();
