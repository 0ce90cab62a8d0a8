/** Types of recordFormats.js (plain CommonJS, required by the validator compiled at build time). */
export declare const RECORD_FORMAT_NAMES: readonly string[];
export declare const recordFormats: Readonly<Record<string, ((text: string) => boolean) | { validate: (text: string) => boolean; compare?: unknown }>>;
