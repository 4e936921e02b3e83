// quickReplies.* API methods.
import { z } from 'zod';
import type { Services } from '../services';
import { method, noInput } from '../api/define';
import { quickReplySchema } from './service';

export function quickRepliesMethods(s: Services) {
  return {
    'quickReplies.list': method(noInput, () => s.quickReplies.list(), "The owner's saved answers."),
    'quickReplies.save': method(
      z.object({ items: z.array(quickReplySchema.extend({ id: z.string().min(1).max(40).optional() })).max(200) }),
      (i) => s.quickReplies.save(i.items),
      'Replaces the list of quick replies.',
    ),
  };
}
