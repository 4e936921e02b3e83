// The one seam between Lavka and a language model. The Ollama-backed implementation lives beside this file;
// other domains (orders, reminders) depend only on this interface, so they can be tested with a scripted model.
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  /** What the call is for, recorded in the audit log: "suggest", "auto", "order-extract", "summary", "reminder". */
  purpose: string;
  messages: ChatTurn[];
  /** JSON schema for structured output (Ollama `format`). The reply is still untrusted text until validated. */
  format?: Record<string, unknown>;
  /** Streamed tokens, for drafts that appear as they are written. */
  onToken?: (text: string) => void;
  signal?: AbortSignal;
  conversationId?: number;
}

export interface ChatResult {
  content: string;
  model: string;
  promptTokens: number;
  outputTokens: number;
  durationMs: number;
}

export interface ChatModel {
  /** Throws AppError('assistant_unavailable', …) when no model can answer (Ollama not running, no model picked). */
  chat(req: ChatRequest): Promise<ChatResult>;
}
