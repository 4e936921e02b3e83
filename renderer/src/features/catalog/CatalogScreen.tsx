// Catalog page: search, the product table, add/edit/archive, CSV import and export.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../stores/app';
import { useCatalogStore, type Product } from '../../stores/catalog';
import { formatMoney } from './money';
import { ProductDialog } from './ProductDialog';
import { ImportDialog } from './ImportDialog';

export function CatalogScreen() {
  const { t } = useTranslation();
  const currency = useAppStore((s) => s.settings?.business.currency ?? 'EUR');
  const { items, loaded, query, includeArchived, error } = useCatalogStore(
    useShallow((s) => ({ items: s.items, loaded: s.loaded, query: s.query, includeArchived: s.includeArchived, error: s.error })),
  );
  const { load, setQuery, setIncludeArchived, archive, exportCsv } = useCatalogStore.getState();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page catalog" data-testid="catalog-screen">
      <header className="page-head">
        <h1>{t('catalog.title')}</h1>
        <input
          className="search catalog-search"
          type="search"
          value={query}
          onChange={(e) => void setQuery(e.target.value)}
          placeholder={t('catalog.search')}
          data-testid="catalog-search"
          dir="auto"
        />
        <label className="check small">
          <input
            type="checkbox"
            checked={includeArchived}
            onChange={(e) => void setIncludeArchived(e.target.checked)}
            data-testid="catalog-archived"
          />
          {t('catalog.showArchived')}
        </label>
        <span className="spacer" />
        <button className="btn" onClick={() => void exportCsv()} data-testid="catalog-export">
          ⬇ {t('catalog.export')}
        </button>
        <button className="btn" onClick={() => setImporting(true)} data-testid="catalog-import">
          ⬆ {t('catalog.import')}
        </button>
        <button className="btn primary" onClick={() => setEditing('new')} data-testid="catalog-add">
          + {t('catalog.add')}
        </button>
      </header>
      <div className="page-body">
        {error && <p className="error-box">{error}</p>}
        {loaded && items.length === 0 && <p className="muted">{query ? t('catalog.noMatch', { query }) : t('catalog.empty')}</p>}
        {items.length > 0 && (
          <>
            <table className="data catalog-table" data-testid="catalog-table">
              <thead>
                <tr>
                  <th className="col-photo">{t('catalog.col.photo')}</th>
                  <th>{t('catalog.col.name')}</th>
                  <th>{t('catalog.col.sku')}</th>
                  <th>{t('catalog.col.category')}</th>
                  <th className="num">{t('catalog.col.price')}</th>
                  <th>{t('catalog.col.stock')}</th>
                  <th>{t('catalog.col.options')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id} className={p.archived ? 'archived' : ''} data-testid="product-row" data-sku={p.sku}>
                    <td className="col-photo">
                      {p.photo ? (
                        <img className="thumb" src={p.photo} alt="" />
                      ) : (
                        <span className="thumb empty" aria-hidden>
                          {p.name.charAt(0).toUpperCase()}
                        </span>
                      )}
                    </td>
                    <td>
                      <div className="product-name" dir="auto">
                        {p.name} {p.archived && <span className="pill">{t('catalog.archived')}</span>}
                      </div>
                      {p.synonyms.length > 0 && (
                        <div className="muted small synonyms" dir="auto">
                          {p.synonyms.join(' · ')}
                        </div>
                      )}
                    </td>
                    <td className="mono small">{p.sku}</td>
                    <td>{p.category}</td>
                    <td className="num">
                      <span data-testid="product-price">{formatMoney(p.priceMinor, currency)}</span>
                      <div className="muted small">{t('catalog.perUnit', { unit: p.unit })}</div>
                    </td>
                    <td>
                      <StockCell p={p} />
                    </td>
                    <td className="small">
                      {p.options.map((g) => (
                        <div key={g.name}>
                          <span className="muted">{g.name}:</span> {g.values.map((v) => v.value).join(', ')}
                        </div>
                      ))}
                    </td>
                    <td>
                      <div className="row-actions">
                        <button className="btn small" onClick={() => setEditing(p)} data-testid="product-edit">
                          {t('catalog.edit')}
                        </button>
                        {p.archived ? (
                          <button className="btn small" onClick={() => void archive(p.id, false)}>
                            {t('catalog.restore')}
                          </button>
                        ) : (
                          <button
                            className="btn small"
                            onClick={() => window.confirm(t('catalog.confirmArchive', { name: p.name })) && void archive(p.id, true)}
                            data-testid="product-archive"
                          >
                            {t('catalog.archive')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{t('catalog.count', { count: items.length })}</p>
          </>
        )}
      </div>
      {editing && <ProductDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}

function StockCell({ p }: { p: Product }) {
  const { t } = useTranslation();
  if (!p.available) return <span className="pill bad">{t('catalog.unavailable')}</span>;
  if (p.stock === 0) return <span className="pill bad">{t('catalog.soldOut')}</span>;
  if (p.stock === null) return <span className="muted small">{t('catalog.stockNotCounted')}</span>;
  return <span className={p.stock <= 3 ? 'low-stock' : ''}>{p.stock}</span>;
}
