import { inflateRawSync } from 'node:zlib';

/**
 * An .xlsx file is a zip. Before a workbook library reads one, every entry is
 * inflated here with a hard cap on the total, so a small file that would expand
 * to gigabytes (a zip bomb) is refused instead of exhausting the bot's memory.
 * The sizes a zip declares can lie; the cap is applied to what inflating produces.
 */
export class UnsafeZipError extends Error {
  override readonly name = 'UnsafeZipError';
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export function checkZip(buffer: Buffer, limits: { maxEntries: number; maxTotalBytes: number }): void {
  const end = findEndOfCentralDirectory(buffer);
  const entries = buffer.readUInt16LE(end + 10);
  if (entries > limits.maxEntries) throw new UnsafeZipError(`the file holds ${entries} parts, more than a register workbook has`);
  let offset = buffer.readUInt32LE(end + 16);
  let budget = limits.maxTotalBytes;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new UnsafeZipError('the file is not a readable workbook');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new UnsafeZipError('the file is not a readable workbook');
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw new UnsafeZipError('the file is cut short');
    if (method === 0) budget -= compressedSize;
    else if (method === 8) {
      try {
        budget -= inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (error) {
        if (error instanceof RangeError) throw new UnsafeZipError('the workbook expands to far more than a register holds');
        throw new UnsafeZipError('the file is not a readable workbook');
      }
    } else throw new UnsafeZipError('the workbook uses a compression I do not read');
    if (budget < 0) throw new UnsafeZipError('the workbook expands to far more than a register holds');
    offset += 46 + nameLength + extraLength + commentLength;
  }
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  throw new UnsafeZipError('the file is not a readable workbook');
}
