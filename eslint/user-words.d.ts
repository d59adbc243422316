import type { Linter } from 'eslint';

export declare const translated: string[];
export declare const userWords: Linter.Config[];
