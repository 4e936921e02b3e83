// The six sections of the Reports page. Each reads one report from the store and shows its figures (with the
// previous period), its charts and tables (each with CSV), or an empty state that says what will appear.
import { useTranslation } from 'react-i18next';
import type { AssistantReport, ConversationsReport, CustomersReport, RemindersReport, SalesReport } from '../../stores/reports';
import { currencyDigits, formatMoney } from '../catalog/money';
import { formatDateTime } from '../orders/format';
import { Bars, COLORS } from './charts';
import { Card, Empty, Figure, Section, Table, count, duration, label, percent } from './parts';

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);
const shortDate = (date: string) => date.slice(5).replace('-', '.');
const channelName = (c: string) => label('reports.channel', c);

export function SpeedSection({ r }: { r: ConversationsReport }) {
  const { t } = useTranslation();
  const c = r.current.speed;
  const p = r.prior.speed;
  const w = r.waiting;
  return (
    <Section
      title={t('reports.speed.title')}
      id="speed"
      note={t('reports.speed.explain')}
      csv={{ section: 'conversations', table: 'speed' }}
    >
      <div className="report-figures">
        <Figure
          label={t('reports.speed.median')}
          value={duration(c.all.median)}
          before={duration(p.all.median)}
          testId="fig-first-response"
        />
        <Figure label={t('reports.speed.p90')} value={duration(c.all.p90)} before={duration(p.all.p90)} />
        <Figure label={t('reports.speed.within5m')} value={percent(c.within5m, c.spells)} before={percent(p.within5m, p.spells)} />
        <Figure label={t('reports.speed.within1h')} value={percent(c.within1h, c.spells)} before={percent(p.within1h, p.spells)} />
        <Figure label={t('reports.speed.byYou')} value={duration(c.owner.median)} before={duration(p.owner.median)} />
        <Figure label={t('reports.speed.byAssistant')} value={duration(c.assistant.median)} before={duration(p.assistant.median)} />
        <div className={`report-figure waiting ${w.conversations ? 'attention' : ''}`} data-testid="fig-waiting">
          <div className="report-figure-label">{t('reports.speed.waitingNow')}</div>
          {w.conversations ? (
            <>
              <div className="report-figure-value">{t('reports.speed.waitingValue', { count: w.conversations, messages: w.messages })}</div>
              {w.oldestSince !== null && (
                <div className="muted">{t('reports.speed.oldest', { time: formatDateTime(w.oldestSince, r.timeZone) })}</div>
              )}
            </>
          ) : (
            <div className="report-figure-value small">{t('reports.speed.nobody')}</div>
          )}
        </div>
      </div>
      {c.spells > 0 && (
        <p className="muted report-note">{t('reports.speed.answeredOf', { answered: count(c.answered), spells: count(c.spells) })}</p>
      )}
      {c.spells === 0 ? (
        <Empty text={t('reports.speed.empty')} />
      ) : (
        <div className="report-grid">
          <Card title={t('reports.speed.byHour')} section="conversations" table="byHour" wide>
            <Bars
              data={c.byHour.map((h) => ({
                hour: String(h.hour).padStart(2, '0'),
                owner: minutes(h.owner.median),
                assistant: minutes(h.assistant.median),
              }))}
              x="hour"
              series={[
                { key: 'owner', name: t('reports.owner'), color: COLORS.owner },
                { key: 'assistant', name: t('reports.assistant'), color: COLORS.assistant },
              ]}
            />
          </Card>
          <Card title={t('reports.speed.byChannel')} section="conversations" table="byChannel">
            <Table
              head={[t('reports.speed.channelCol'), t('reports.speed.waitedCol'), t('reports.speed.medianCol'), t('reports.speed.p90Col')]}
              rows={c.byChannel.map((x) => [channelName(x.channel), count(x.spells), duration(x.all.median), duration(x.all.p90)])}
            />
          </Card>
        </div>
      )}
    </Section>
  );
}

export function ResolutionSection({ r }: { r: ConversationsReport }) {
  const { t } = useTranslation();
  const c = r.current.resolution;
  const p = r.prior.resolution;
  return (
    <Section
      title={t('reports.resolution.title')}
      id="resolution"
      note={t('reports.resolution.explain')}
      csv={{ section: 'conversations', table: 'resolution' }}
    >
      {c.matters === 0 && p.matters === 0 ? (
        <Empty text={t('reports.resolution.empty')} />
      ) : (
        <>
          <div className="report-figures">
            <Figure
              label={t('reports.resolution.firstContact')}
              value={percent(c.firstContact, c.resolved)}
              before={percent(p.firstContact, p.resolved)}
              testId="fig-fcr"
            />
            <Figure label={t('reports.resolution.time')} value={duration(c.time.median)} before={duration(p.time.median)} />
            <Figure
              label={t('reports.resolution.reopen')}
              value={percent(c.reopened, c.resolved)}
              before={percent(p.reopened, p.resolved)}
            />
          </div>
          <p className="muted report-note">
            {c.tooEarly > 0 && t('reports.resolution.tooEarly', { count: c.tooEarly })}{' '}
            {c.unanswered > 0 && t('reports.resolution.unanswered', { count: c.unanswered })}
          </p>
        </>
      )}
    </Section>
  );
}

export function AssistantSection({ r }: { r: AssistantReport }) {
  const { t } = useTranslation();
  const c = r.current;
  const p = r.prior;
  const s = c.suggestions;
  const anything =
    c.autoReplies + c.holds.length + c.escalations.length + s.asIs + s.edited + s.discarded + c.containment.assistantAnswered > 0;
  const needs = c.needsYou.reduce((a, n) => ({ sent: a.sent + n.sent, dismissed: a.dismissed + n.dismissed, open: a.open + n.open }), {
    sent: 0,
    dismissed: 0,
    open: 0,
  });
  return (
    <Section title={t('reports.assistantSection.title')} id="assistant" csv={{ section: 'assistant', table: 'summary' }}>
      {!anything ? (
        <Empty text={t('reports.assistantSection.empty')} />
      ) : (
        <>
          <div className="report-figures">
            <Figure
              label={t('reports.assistantSection.autoReplies')}
              value={count(c.autoReplies)}
              before={count(p.autoReplies)}
              testId="fig-auto"
            />
            <Figure
              label={t('reports.assistantSection.containment')}
              value={t('reports.ofTotal', { n: count(c.containment.contained), total: count(c.containment.withCustomer) })}
              before={t('reports.ofTotal', { n: count(p.containment.contained), total: count(p.containment.withCustomer) })}
            />
            <Figure
              label={t('reports.assistantSection.asIs')}
              value={percent(s.asIs, s.asIs + s.edited + s.discarded)}
              before={percent(p.suggestions.asIs, p.suggestions.asIs + p.suggestions.edited + p.suggestions.discarded)}
            />
          </div>
          <p className="muted report-note">
            {t('reports.assistantSection.fromKnowledge', { count: c.autoFromKnowledge })} · {t('reports.assistantSection.needsYou', needs)}
          </p>
          <div className="report-grid">
            <Card title={t('reports.assistantSection.holds')} section="assistant" table="holds">
              <Table
                head={[t('reports.assistantSection.reason'), t('reports.assistantSection.count')]}
                rows={c.holds.map((h) => [label('assistant.reasons', h.reason), count(h.n)])}
              />
            </Card>
            <Card title={t('reports.assistantSection.escalations')} section="assistant" table="escalations">
              <Table
                head={[t('reports.assistantSection.reason'), t('reports.assistantSection.count')]}
                rows={c.escalations.map((h) => [label('assistant.reasons', h.reason), count(h.n)])}
              />
            </Card>
            <Card title={t('reports.assistantSection.suggestions')} section="assistant" table="suggestions">
              <Bars
                height={160}
                data={[{ k: '', asIs: s.asIs, edited: s.edited, discarded: s.discarded }]}
                x="k"
                series={[
                  { key: 'asIs', name: t('reports.assistantSection.asIs'), color: COLORS.money },
                  { key: 'edited', name: t('reports.assistantSection.edited'), color: COLORS.warn },
                  { key: 'discarded', name: t('reports.assistantSection.discarded'), color: COLORS.returning },
                ]}
              />
              <p className="muted small">{t('reports.assistantSection.suggestionsNote')}</p>
            </Card>
          </div>
        </>
      )}
    </Section>
  );
}

export function SalesSection({ r }: { r: SalesReport }) {
  const { t } = useTranslation();
  const c = r.current;
  const p = r.prior;
  const money = (m: number | null) => (m === null ? t('reports.none') : formatMoney(m, c.currency));
  const digits = 10 ** currencyDigits(c.currency);
  return (
    <Section title={t('reports.sales.title')} id="sales" csv={{ section: 'sales', table: 'summary' }}>
      {c.orders === 0 && p.orders === 0 ? (
        <Empty text={t('reports.sales.empty')} />
      ) : (
        <>
          <div className="report-figures">
            <Figure label={t('reports.sales.orders')} value={count(c.orders)} before={count(p.orders)} testId="fig-orders" />
            <Figure label={t('reports.sales.revenue')} value={money(c.revenueMinor)} before={money(p.revenueMinor)} testId="fig-revenue" />
            <Figure label={t('reports.sales.average')} value={money(c.averageMinor)} before={money(p.averageMinor)} />
            <Figure
              label={t('reports.sales.repeat')}
              value={t('reports.ofTotal', { n: count(c.repeatCustomers), total: count(c.customers) })}
              before={t('reports.ofTotal', { n: count(p.repeatCustomers), total: count(p.customers) })}
            />
          </div>
          <p className="muted report-note">
            {c.cancelled > 0 && t('reports.sales.cancelled', { count: c.cancelled })}{' '}
            {c.ownerOrders > 0 && t('reports.sales.ownerOrders', { count: c.ownerOrders })}
          </p>
          <div className="report-grid">
            <Card title={t('reports.sales.perDay')} section="sales" table="perDay" wide>
              <Bars
                data={c.perDay.map((d) => ({ day: shortDate(d.date), revenue: d.amountMinor / digits }))}
                x="day"
                series={[{ key: 'revenue', name: t('reports.sales.revenue'), color: COLORS.money }]}
              />
            </Card>
            <Card title={t('reports.sales.topProducts')} section="sales" table="topProducts">
              <Table
                head={[t('reports.sales.product'), t('reports.sales.quantity'), t('reports.sales.amount')]}
                rows={c.topProducts.map((x) => [x.name, count(x.quantity), money(x.revenueMinor)])}
              />
            </Card>
            <Card title={t('reports.sales.byStatus')} section="sales" table="byStatus">
              <Table
                head={[t('reports.sales.status'), t('reports.sales.ordersCol')]}
                rows={c.byStatus.map((x) => [label('orders.status', x.status), count(x.n)])}
              />
            </Card>
          </div>
        </>
      )}
    </Section>
  );
}

export function RemindersSection({ r }: { r: RemindersReport }) {
  const { t } = useTranslation();
  const c = r.current;
  const p = r.prior;
  return (
    <Section title={t('reports.reminders.title')} id="reminders" csv={{ section: 'reminders', table: 'summary' }}>
      {c.total.sent === 0 && p.total.sent === 0 && c.optOuts === 0 ? (
        <Empty text={t('reports.reminders.empty')} />
      ) : (
        <>
          <div className="report-figures">
            <Figure label={t('reports.reminders.sent')} value={count(c.total.sent)} before={count(p.total.sent)} testId="fig-reminders" />
            <Figure
              label={t('reports.reminders.replied')}
              value={percent(c.total.replied48h, c.total.sent)}
              before={percent(p.total.replied48h, p.total.sent)}
            />
            <Figure
              label={t('reports.reminders.ordered')}
              value={percent(c.total.ordered7d, c.total.sent)}
              before={percent(p.total.ordered7d, p.total.sent)}
            />
            <Figure label={t('reports.reminders.optOuts')} value={count(c.optOuts)} before={count(p.optOuts)} />
          </div>
          <div className="report-grid">
            <Card title={t('reports.reminders.optOutsPerDay')} section="reminders" table="optOuts" wide>
              <Bars
                height={160}
                data={c.consentPerDay.map((d) => ({ day: shortDate(d.date), optOuts: d.optOuts, optIns: d.optIns }))}
                x="day"
                series={[
                  { key: 'optOuts', name: t('reports.reminders.optOuts'), color: COLORS.owner },
                  { key: 'optIns', name: t('reports.reminders.optIns'), color: COLORS.money },
                ]}
              />
            </Card>
            <Card title={t('reports.reminders.byKind')} section="reminders" table="byKind">
              <Table
                head={[
                  t('reports.reminders.kind'),
                  t('reports.reminders.sent'),
                  t('reports.reminders.replied'),
                  t('reports.reminders.ordered'),
                ]}
                rows={c.byKind.map((k) => [label('reminders.kind', k.kind), count(k.sent), count(k.replied48h), count(k.ordered7d)])}
              />
            </Card>
          </div>
        </>
      )}
    </Section>
  );
}

export function CustomersSection({ r }: { r: CustomersReport }) {
  const { t } = useTranslation();
  const c = r.current;
  const p = r.prior;
  return (
    <Section title={t('reports.customers.title')} id="customers" csv={{ section: 'customers', table: 'summary' }}>
      {c.total === 0 && p.total === 0 ? (
        <Empty text={t('reports.customers.empty')} />
      ) : (
        <>
          <div className="report-figures">
            <Figure label={t('reports.customers.total')} value={count(c.total)} before={count(p.total)} testId="fig-customers" />
            <Figure label={t('reports.customers.new')} value={count(c.new)} before={count(p.new)} />
            <Figure label={t('reports.customers.returning')} value={count(c.returning)} before={count(p.returning)} />
          </div>
          <div className="report-grid">
            <Card title={t('reports.customers.byChannel')} section="customers" table="byChannel">
              <Bars
                height={180}
                data={c.byChannel.map((x) => ({ channel: channelName(x.channel), new: x.new, returning: x.returning }))}
                x="channel"
                series={[
                  { key: 'new', name: t('reports.customers.new'), color: COLORS.new, stack: 'c' },
                  { key: 'returning', name: t('reports.customers.returning'), color: COLORS.returning, stack: 'c' },
                ]}
              />
            </Card>
            <Card title={t('reports.customers.byLanguage')} section="customers" table="byLanguage">
              <Table
                head={[t('reports.customers.language'), t('reports.customers.total')]}
                rows={c.byLanguage.map((x) => [x.language ? languageName(x.language) : t('reports.customers.unknown'), count(x.n)])}
              />
            </Card>
          </div>
        </>
      )}
    </Section>
  );
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
