// Catalog and orders: products (money in integer minor units, FTS over names and synonyms), orders taken in chat
// or by the owner, their lines (a snapshot of name and price at the time of the order) and their history.
import type { Migration } from './types';

const migration: Migration = {
  version: 4,
  name: 'catalog-orders',
  up(db) {
    db.exec(`
      CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        sku TEXT NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        -- Price in the business currency's minor units (cents, kopecks); never a float.
        price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
        unit TEXT NOT NULL DEFAULT 'pcs',
        -- NULL: stock is not counted (always available while available = 1).
        stock INTEGER CHECK (stock IS NULL OR stock >= 0),
        available INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
        -- [{"name":"size","values":[{"value":"small","priceDeltaMinor":0},…]}]
        options TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(options)),
        -- Other names customers use, in any language: ["ржаной хлеб", "чорний хліб"].
        synonyms TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(synonyms)),
        photo TEXT,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- SKUs are unique regardless of letter case: "BR-1" and "br-1" are the same product.
      CREATE UNIQUE INDEX products_sku ON products(lower(sku));
      CREATE INDEX products_listing ON products(archived, category, name);

      CREATE VIRTUAL TABLE products_fts USING fts5(
        name, synonyms, description, sku, content='products', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER products_fts_ai AFTER INSERT ON products BEGIN
        INSERT INTO products_fts(rowid, name, synonyms, description, sku) VALUES (new.id, new.name, new.synonyms, new.description, new.sku);
      END;
      CREATE TRIGGER products_fts_ad AFTER DELETE ON products BEGIN
        INSERT INTO products_fts(products_fts, rowid, name, synonyms, description, sku)
          VALUES ('delete', old.id, old.name, old.synonyms, old.description, old.sku);
      END;
      CREATE TRIGGER products_fts_au AFTER UPDATE OF name, synonyms, description, sku ON products BEGIN
        INSERT INTO products_fts(products_fts, rowid, name, synonyms, description, sku)
          VALUES ('delete', old.id, old.name, old.synonyms, old.description, old.sku);
        INSERT INTO products_fts(rowid, name, synonyms, description, sku) VALUES (new.id, new.name, new.synonyms, new.description, new.sku);
      END;

      -- An order. A chat order starts as a 'draft' (at most one per conversation) and gets its number when the
      -- customer confirms. Contact and conversation may be deleted later; the order keeps the customer's name.
      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        number INTEGER UNIQUE,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
        customer_name TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('draft', 'new', 'confirmed', 'paid', 'ready', 'shipped', 'completed', 'cancelled')),
        source TEXT NOT NULL DEFAULT 'chat' CHECK (source IN ('chat', 'owner')),
        fulfilment TEXT NOT NULL DEFAULT 'pickup' CHECK (fulfilment IN ('pickup', 'delivery')),
        address TEXT NOT NULL DEFAULT '',
        wanted_time TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        -- Language the customer is written to in (summary, status updates).
        language TEXT NOT NULL DEFAULT 'en',
        currency TEXT NOT NULL,
        subtotal_minor INTEGER NOT NULL DEFAULT 0 CHECK (subtotal_minor >= 0),
        delivery_minor INTEGER NOT NULL DEFAULT 0 CHECK (delivery_minor >= 0),
        total_minor INTEGER NOT NULL DEFAULT 0 CHECK (total_minor >= 0),
        -- Chat capture of a draft: 'question' (Lavka asked something) or 'summary' (waiting for the customer's yes).
        stage TEXT CHECK (stage IS NULL OR stage IN ('question', 'summary')),
        -- What still blocks a draft (unknown item, missing address…), as shown to the owner.
        issues TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(issues)),
        -- A message to the customer that waits for the owner's approval (Suggest mode).
        pending_kind TEXT CHECK (pending_kind IS NULL OR pending_kind IN ('question', 'summary', 'placed', 'cancelled')),
        pending_text TEXT,
        -- When the summary with quoted_total_minor went out; a "yes" only confirms a summary the customer has seen.
        quoted_at INTEGER,
        quoted_total_minor INTEGER,
        placed_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX orders_one_draft ON orders(conversation_id) WHERE status = 'draft';
      CREATE INDEX orders_placed ON orders(placed_at DESC, id DESC) WHERE status <> 'draft';
      CREATE INDEX orders_status ON orders(status, placed_at DESC);
      CREATE INDEX orders_contact ON orders(contact_id, placed_at DESC);

      -- Lines keep a snapshot of what was sold: later catalog edits never change a past order.
      CREATE TABLE order_lines (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        product_id INTEGER REFERENCES products(id) ON DELETE SET NULL,
        sku TEXT NOT NULL,
        name TEXT NOT NULL,
        -- The customer's own word for the item when it differs from the catalog name ("ржаной хлеб"), for chat texts.
        label TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL,
        -- [{"group":"size","value":"large","priceDeltaMinor":80}]
        options TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(options)),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
        line_total_minor INTEGER NOT NULL CHECK (line_total_minor >= 0)
      ) STRICT;
      CREATE INDEX order_lines_order ON order_lines(order_id, position);
      CREATE INDEX order_lines_product ON order_lines(product_id);

      -- History: quotes, confirmations, status changes and the notification each one sent.
      CREATE TABLE order_events (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('customer', 'owner', 'assistant', 'system')),
        kind TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX order_events_order ON order_events(order_id, id);
    `);
  },
};

export default migration;
