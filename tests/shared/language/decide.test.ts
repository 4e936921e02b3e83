// A customer's language is decided from several messages, never from one "ok" or one short word.
import { describe, expect, it } from 'vitest';
import { decideLanguage } from '../../../main/core/language/decide';
import { detectMessageLanguage } from '../../../main/core/language/detect';

const decide = (...texts: string[]) => decideLanguage(texts.map(detectMessageLanguage));

describe('deciding from several messages', () => {
  it('needs more than one message', () => {
    expect(decide('Здравствуйте, а хлеб сегодня есть?')).toBeNull();
    expect(decide('Здравствуйте, а хлеб сегодня есть?', 'Хочу два круассана и капучино')).toBe('ru');
  });

  it('is not moved by short or empty messages', () => {
    expect(decide('ok', '👍', 'ok', '+')).toBeNull();
    expect(decide('Hola, ¿tienen pan de centeno hoy?', 'ok', '👍')).toBeNull();
    expect(decide('Hola, ¿tienen pan de centeno hoy?', 'ok', 'Quiero encargar una tarta para el sábado')).toBe('es');
  });

  it('keeps Portuguese and Spanish apart over a conversation', () => {
    expect(decide('Oi, vocês têm pão de centeio hoje?', 'Quero encomendar um bolo para sábado', 'obrigado!')).toBe('pt');
    expect(decide('Hola, ¿tienen pan de centeno hoy?', 'Quiero encargar una tarta para el sábado', 'gracias!')).toBe('es');
  });

  it('decides romanised Russian and stays undecided on a real mix', () => {
    expect(decide('privet, mozhno zakazat hleb na zavtra?', 'spasibo bolshoe')).toBe('ru');
    expect(decide('Hi, do you have rye bread today?', 'Hola, ¿tienen pan de centeno hoy?')).toBeNull();
  });

  it('never answers with a language Lavka has no customer texts for', () => {
    expect(decide('Ciao, avete il pane oggi?', 'Vorrei ordinare una torta per sabato', 'grazie mille!')).toBeNull();
  });
});
