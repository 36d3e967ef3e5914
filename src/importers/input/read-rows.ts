/**
 * Stream a delimited text file as batches of rows, with backpressure: the input is paused while a batch is
 * being written, so memory stays constant whatever the file size.
 * @module
 */
import type { Readable } from "node:stream";
import { CsvTokenizer, type DelimitedOptions, type RawItem } from "./csv-tokenizer.js";

/**
 * Tokenize `text` (a stream of strings) and hand batches of about `batchSize` items to `onBatch`, awaiting each.
 * Resolves when the input ends; rejects on a stream error (unreadable input, decompression bomb, binary file)
 * or when `onBatch` rejects.
 * @example await readRows(decoded, { delimiter: ",", quote: true, maxRecordChars: 1 << 20 }, 5000, write)
 */
export async function readRows(
  text: Readable,
  options: DelimitedOptions,
  batchSize: number,
  onBatch: (items: RawItem[]) => Promise<void>,
): Promise<void> {
  const tokenizer = new CsvTokenizer(options);
  let batch: RawItem[] = [];
  try {
    // for-await over a stream pulls one chunk at a time: the next read waits for the batch write.
    for await (const chunk of text) {
      tokenizer.push(typeof chunk === "string" ? chunk : String(chunk), batch);
      // A chunk may hold many batches' worth of rows: hand them over batchSize at a time.
      while (batch.length >= batchSize) {
        const items = batch.slice(0, batchSize);
        batch = batch.slice(batchSize);
        await onBatch(items);
      }
    }
    tokenizer.end(batch);
    while (batch.length > 0) {
      const items = batch.slice(0, batchSize);
      batch = batch.slice(batchSize);
      await onBatch(items);
    }
  } finally {
    text.destroy();
  }
}
