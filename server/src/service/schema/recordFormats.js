'use strict';
// The formats the record validator checks (scripts/validator-plugin.mjs):
// ajv-formats' date-time, date, time and uri, each behind a length guard. A
// valid RFC 3339 date-time is at most about 40 characters, so a megabyte
// "timestamp" is rejected at once instead of being split and parsed (whose
// cost grows faster than its length), whatever is pasted into a record.
// Plain CommonJS: the validator compiled at build time requires it by path.
const { fullFormats } = require('ajv-formats/dist/formats');

/** Longer than any valid value of the format: 64 for dates and times, 8 KiB for a URI. */
const MAX_LENGTH = { 'date-time': 64, date: 64, time: 64, uri: 8192 };

function guarded(name) {
  const format = fullFormats[name];
  const validate = typeof format === 'function' || format instanceof RegExp ? format : format.validate;
  const test = validate instanceof RegExp ? (text) => validate.test(text) : validate;
  const max = MAX_LENGTH[name];
  const check = (text) => text.length <= max && test(text);
  return typeof format === 'object' && !(format instanceof RegExp) ? { ...format, validate: check } : check;
}

exports.RECORD_FORMAT_NAMES = Object.keys(MAX_LENGTH);
exports.recordFormats = Object.fromEntries(exports.RECORD_FORMAT_NAMES.map((name) => [name, guarded(name)]));
