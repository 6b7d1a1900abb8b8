import fs from "node:fs";
import path from "node:path";

/**
 * Writes a file so that a reader sees either the old content or the new, never half.
 *
 * With the synchronous calls: the files are small (a 5,044-model schema is 350 KB, under
 * a millisecond to write), and each asynchronous step waits for the event loop again. While
 * the browser redraws an edit on this 2-core machine, the five steps of a write took a
 * 5,044-model save from ~15 ms of work to 60-90 ms.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(temp, content, "utf8");
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
