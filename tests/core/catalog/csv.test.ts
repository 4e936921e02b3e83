import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const GOOD = `sku,name,category,price,unit,stock,synonyms,options
BR-RYE,Rye bread,Bread,4.20,loaf,,ржаной хлеб | чёрный хлеб,
PA-CRO,Croissant,Pastries,"2,20",pcs,40,круассан,
CF-LAT,Latte,Coffee,3.50,cup,,латте,"size: small, large +0.80; milk: regular, oat +0.40"
`;

describe('catalog CSV import', () => {
  it('previews without writing, then imports all rows with prices in cents, synonyms and options', async () => {
    const preview = await t.call('catalog.importPreview', { text: GOOD });
    expect(preview).toMatchObject({ totalRows: 3, newCount: 3, updateCount: 0, errors: [] });
    expect(preview.mapping).toEqual(['sku', 'name', 'category', 'price', 'unit', 'stock', 'synonyms', 'options']);
    expect(await t.call('catalog.list', {})).toHaveLength(0);

    expect(await t.call('catalog.importCommit', { text: GOOD })).toEqual({ created: 3, updated: 0 });
    const latte = t.app.services.catalog.repo.bySku('CF-LAT')!;
    expect(latte.priceMinor).toBe(350);
    expect(latte.options).toEqual([
      {
        name: 'size',
        values: [
          { value: 'small', priceDeltaMinor: 0 },
          { value: 'large', priceDeltaMinor: 80 },
        ],
      },
      {
        name: 'milk',
        values: [
          { value: 'regular', priceDeltaMinor: 0 },
          { value: 'oat', priceDeltaMinor: 40 },
        ],
      },
    ]);
    expect(t.app.services.catalog.repo.bySku('BR-RYE')!.synonyms).toEqual(['ржаной хлеб', 'чёрный хлеб']);
    expect(t.app.services.catalog.repo.bySku('PA-CRO')!).toMatchObject({ priceMinor: 220, stock: 40 });
  });

  it('reports broken rows, negative prices and duplicate SKUs by file line, and saves nothing', async () => {
    const bad = `sku,name,price,stock
A-1,Rye bread,4.20,
A-2,Croissant,-2.20,
A-1,Baguette,2.50,
A-3,Latte,3.50,lots
A-4,"Cake with
a newline in its name",abc,
A-5,Only two columns
A-6,Fine,1.00,3
`;
    const preview = await t.call('catalog.importPreview', { text: bad });
    const byRow = Object.fromEntries(preview.errors.map((e) => [e.row, e.message]));
    expect(byRow[3]).toMatch(/negative/);
    expect(byRow[4]).toMatch(/SKU "A-1" is also on row 2/);
    expect(byRow[5]).toMatch(/whole number/);
    expect(byRow[6]).toMatch(/not a price/);
    expect(byRow[8]).toMatch(/has 2 columns, the header has 4/);
    expect(preview.errors.some((e) => e.row === 2 || e.row === 9)).toBe(false);
    // Each problem also carries a stable code and its values, so the UI can word it in the owner's language.
    const codes = Object.fromEntries(preview.errors.map((e) => [e.row, { code: e.code, params: e.params }]));
    expect(codes[3].code).toBe('bad_price');
    expect(codes[4]).toEqual({ code: 'sku_repeated', params: { value: 'A-1', ref: 2 } });
    expect(codes[5]).toMatchObject({ code: 'bad_stock', params: { field: 'stock' } });
    expect(codes[6].code).toBe('bad_price');
    expect(codes[8]).toEqual({ code: 'cell_count', params: { cells: 2, header: 4 } });

    await expect(t.call('catalog.importCommit', { text: bad })).rejects.toThrow(/5 rows have errors; nothing was imported/);
    expect(await t.call('catalog.list', { includeArchived: true })).toHaveLength(0);
  });

  it('names the line of a file that is not CSV at all (an unclosed quote)', async () => {
    await expect(t.call('catalog.importPreview', { text: 'name,price\n"Rye bread,4.20\nCroissant,2.20\n' })).rejects.toThrow(
      /Line \d+: the file is not valid CSV/,
    );
  });

  it('needs a name and a price column, and lets the owner map columns with other headers', async () => {
    const text = 'Название;Стоимость;Что это\nРжаной хлеб;4,20;буханка\n';
    const guessed = await t.call('catalog.importPreview', { text });
    expect(guessed.delimiter).toBe(';');
    expect(guessed.mapping).toEqual(['name', 'price', null]);
    const custom = await t.call('catalog.importPreview', { text: 'A;B\nРжаной хлеб;4,20\n' });
    expect(custom.errors.map((e) => e.message)).toEqual(['No column is mapped to "name"', 'No column is mapped to "price"']);
    const mapped = await t.call('catalog.importPreview', { text: 'A;B\nРжаной хлеб;4,20\n', mapping: ['name', 'price'] });
    expect(mapped.errors).toEqual([]);
    expect(mapped.rows[0]).toMatchObject({ name: 'Ржаной хлеб', priceMinor: 420 });
  });

  it('updates existing products by SKU on re-import, keeping their photo', async () => {
    await t.call('catalog.importCommit', { text: GOOD });
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const rye = t.app.services.catalog.repo.bySku('BR-RYE')!;
    t.app.services.catalog.update(rye.id, { ...rye, photo: png });
    const again = GOOD.replace('4.20', '4.50');
    expect((await t.call('catalog.importPreview', { text: again })).updateCount).toBe(3);
    await t.call('catalog.importCommit', { text: again });
    expect(t.app.services.catalog.repo.bySku('BR-RYE')).toMatchObject({ priceMinor: 450, photo: png });
    expect(await t.call('catalog.list', {})).toHaveLength(3);
  });

  it('exports a CSV that imports back to the same catalog', async () => {
    await t.call('catalog.importCommit', { text: GOOD });
    const { csv } = await t.call('catalog.exportCsv');
    expect(csv.startsWith('\ufeffsku,name,category,price')).toBe(true);
    expect(csv).toContain('"size: small, large +0.80; milk: regular, oat +0.40"');
    const before = t.app.services.catalog.repo.all().map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest);
    const preview = await t.call('catalog.importPreview', { text: csv });
    expect(preview).toMatchObject({ errors: [], updateCount: 3, newCount: 0 });
    await t.call('catalog.importCommit', { text: csv });
    expect(t.app.services.catalog.repo.all().map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest)).toEqual(before);
  });

  it('keeps a description with a bare CR (a row break to spreadsheets) inside one quoted cell', async () => {
    await t.call('catalog.importCommit', { text: GOOD });
    const [p] = t.app.services.catalog.repo.all();
    await t.call('catalog.update', {
      productId: p.id,
      product: { ...(await t.call('catalog.get', { productId: p.id })), description: 'line one\rline two' },
    });
    const { csv } = await t.call('catalog.exportCsv');
    // Spreadsheets end a row at a bare CR too, so such a cell must be quoted.
    expect(csv).toContain('"line one\rline two"');
    const { parse } = await import('csv-parse/sync');
    const rows: { sku: string; description: string }[] = parse(csv.replace(/^\ufeff/, ''), { columns: true });
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.sku === p.sku)!.description).toBe('line one\rline two');
  });
});
