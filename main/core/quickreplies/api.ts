// quickReplies.* API methods.
import { z } from 'zod';
import type { QuickRepliesService } from './service';
import { method, noInput } from '../api/define';
import { QuickRepliesListOutput } from './outputs';
import { quickReplySchema } from './service';

/** The services these methods call, and nothing else. */
export interface QuickRepliesApiDeps {
  quickReplies: QuickRepliesService;
}

export function quickRepliesApi(s: QuickRepliesApiDeps) {
  return {
    'quickReplies.list': method(noInput, QuickRepliesListOutput, () => s.quickReplies.list(), "The owner's saved answers."),
    'quickReplies.save': method(
      z.object({ items: z.array(quickReplySchema.extend({ id: z.string().min(1).max(40).optional() })).max(200) }),
      QuickRepliesListOutput,
      (i) => s.quickReplies.save(i.items),
      'Replaces the list of quick replies.',
    ),
  };
}
