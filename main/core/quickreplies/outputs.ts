// What the quickreplies API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { quickRepliesSchema } from './service';

export const QuickRepliesListOutput = quickRepliesSchema;
