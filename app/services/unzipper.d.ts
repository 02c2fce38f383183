// unzipper (exceljs's own zip reader, pinned in package.json) ships no types: the part we use.
declare module "unzipper" {
  import type { Readable } from "node:stream";
  type Entry = { path: string; uncompressedSize: number; compressedSize: number; stream: () => Readable };
  type Directory = { files: Entry[] };
  const unzipper: { Open: { buffer(buf: Buffer): Promise<Directory>; file(path: string): Promise<Directory> } };
  export default unzipper;
}
