// What the sandbox page does: a pretend customer writes or sends a file, the list of pretend customers, the
// customer's side of the chat, and making the next sends fail on purpose.
import type { ContactsRepo } from '../../db/repos/contacts-repo';
import type { MessagesRepo } from '../../db/repos/messages-repo';
import type { InboxService } from '../../inbox/service';
import type { Message } from '../../inbox/types';
import { AppError } from '../../errors';
import { kindOfMime } from '../../media/types';
import { SANDBOX, newCustomerKey, type SandboxChannel } from './sandbox-channel';
import type { SandboxCustomer, SandboxRepo } from './sandbox-repo';

export interface SandboxDeskDeps {
  sandbox: SandboxChannel;
  repo: SandboxRepo;
  contacts: ContactsRepo;
  messages: MessagesRepo;
  inbox: InboxService;
}

/** Where the pretend customer's message landed (the conversation is null only if the inbox did not store it). */
export interface SandboxDelivery {
  customerKey: string;
  conversationId: number | null;
}

export interface SandboxFile {
  name: string;
  fileName: string;
  mime: string;
  dataBase64: string;
  caption: string;
  voice: boolean;
}

export class SandboxDesk {
  constructor(private readonly d: SandboxDeskDeps) {}

  /** A pretend customer (a new one when `customerKey` is absent) writes a text. */
  say(customerKey: string | undefined, name: string, text: string): SandboxDelivery {
    const key = customerKey ?? newCustomerKey();
    this.d.sandbox.customerSays(key, name, text);
    return this.delivery(key);
  }

  /** A pretend customer sends a photo, voice note or file. */
  sendMedia(customerKey: string | undefined, file: SandboxFile): SandboxDelivery {
    const key = customerKey ?? newCustomerKey();
    const data = Buffer.from(file.dataBase64, 'base64');
    if (data.byteLength === 0) throw new AppError('invalid_input', 'The file is empty');
    this.d.sandbox.customerSendsMedia(key, file.name, {
      data,
      mime: file.mime,
      fileName: file.fileName,
      kind: kindOfMime(file.mime, file.voice),
      caption: file.caption,
    });
    return this.delivery(key);
  }

  customers(): SandboxCustomer[] {
    return this.d.repo.customers();
  }

  /** What the customer sees: only what crossed the sandbox channel, oldest first. */
  thread(customerKey: string): Message[] {
    const conversationId = this.conversationOf(customerKey);
    if (conversationId === undefined) return [];
    return this.d.messages
      .page(conversationId, 200)
      .filter((m) => m.channel === SANDBOX && (m.direction === 'in' || ['sent', 'delivered', 'read'].includes(m.status)))
      .reverse();
  }

  failNextSends(count: number): { count: number } {
    this.d.sandbox.failNextSends = count;
    return { count };
  }

  private delivery(customerKey: string): SandboxDelivery {
    return { customerKey, conversationId: this.conversationOf(customerKey) ?? null };
  }

  private conversationOf(customerKey: string): number | undefined {
    const identity = this.d.contacts.findIdentity(SANDBOX, customerKey);
    return identity ? this.d.inbox.conversationOfContact(identity.contactId) : undefined;
  }
}
