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
  /** Ollama tools the model may call instead of answering; calls come back in ChatResult.toolCalls. */
  tools?: ChatTool[];
  /** Upper bound on output tokens (Ollama num_predict); the implementation picks a sane default. */
  maxTokens?: number;
  temperature?: number;
  /**
   * Background work nobody watches appear (reading an order in Suggest mode): it waits a moment before taking the
   * model, so the draft the owner asks for right after the same message is written first.
   */
  defer?: boolean;
}

export interface ChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface ChatResult {
  content: string;
  model: string;
  promptTokens: number;
  outputTokens: number;
  durationMs: number;
  /** Ollama's own timings, when it reported them: reading the prompt, writing the answer, loading the model. */
  promptEvalMs?: number;
  evalMs?: number;
  loadMs?: number;
  toolCalls?: ChatToolCall[];
}

export interface ChatModel {
  /** Throws AppError('assistant_unavailable', …) when no model can answer (Ollama not running, no model picked). */
  chat(req: ChatRequest): Promise<ChatResult>;
}
