// Choosing a service number: a page of the inventory's free numbers in the order's local network,
// searched by a pattern (ending in 8888, 666 anywhere…); the one chosen is held for this form at once
// (POST …/hold, keyed by the form and the number, so a double click holds it once) and released when
// another is chosen or the item removed.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Tag } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import type { LocalNetwork } from '../../shared/api-values';
import { patternProblem, type HeldNumber } from './order-form';

type NumberedLine = 'fixed_line' | 'phs' | 'gsm_mobile' | 'gsm_prepaid';
const PAGE = 12;

export function releaseHold(localNetwork: string, held: HeldNumber) {
  return api
    .DELETE('/inventory/numbers/{number}/hold', {
      params: { path: { number: held.number }, query: { localNetwork: localNetwork as LocalNetwork, holdId: held.holdId } },
    })
    .catch(() => undefined); // it lapses by itself anyway
}

export function NumberPicker({
  itemId,
  formKey,
  localNetwork,
  serviceLine,
  held,
  onHeld,
  error,
}: {
  itemId: string;
  formKey: string;
  localNetwork: string;
  serviceLine: string;
  held?: HeldNumber;
  onHeld: (held: HeldNumber | undefined) => void;
  error?: string;
}) {
  const { t, dateTime } = useI18n();
  const [text, setText] = useState('');
  const [pattern, setPattern] = useState('');
  const [offset, setOffset] = useState(0);
  const [holding, setHolding] = useState<string>();
  const [holdError, setHoldError] = useState<string>();
  const problem = patternProblem(text);
  const inputId = `number-pattern-${itemId}`;

  const page = useQuery({
    queryKey: ['freeNumbers', localNetwork, serviceLine, pattern, offset],
    enabled: !held,
    queryFn: () =>
      unwrap(
        api.GET('/inventory/numbers', {
          params: {
            query: {
              localNetwork: localNetwork as LocalNetwork,
              serviceLine: serviceLine as NumberedLine,
              ...(pattern ? { pattern } : {}),
              limit: PAGE,
              offset,
            },
          },
        }),
      ),
  });

  const choose = async (number: string) => {
    setHolding(number);
    setHoldError(undefined);
    try {
      const hold = await unwrap(
        api.POST('/inventory/numbers/{number}/hold', {
          params: { path: { number }, header: { 'idempotency-key': `${formKey}:${itemId}:${number}` } },
          body: { localNetwork: localNetwork as LocalNetwork, serviceLine: serviceLine as NumberedLine },
        }),
      );
      onHeld({ number: hold.number, holdId: hold.holdId, heldUntil: hold.heldUntil });
    } catch (err) {
      setHoldError(err instanceof ApiError ? (err.problem?.errors?.[0]?.message ?? err.message) : t('error.unavailable'));
      void page.refetch();
    } finally {
      setHolding(undefined);
    }
  };

  if (held) {
    return (
      <div className="order-desk__number" data-testid={`held-number-${itemId}`}>
        <Space wrap>
          <Tag color="blue" className="order-desk__number-tag">
            {held.number}
          </Tag>
          <span className="muted">{t('orderDesk.number.heldUntil', { at: dateTime(held.heldUntil) })}</span>
          <Button
            size="small"
            onClick={() => {
              void releaseHold(localNetwork, held);
              onHeld(undefined);
            }}
          >
            {t('orderDesk.number.change')}
          </Button>
        </Space>
        {error && <p className="order-desk__field-error">{error}</p>}
      </div>
    );
  }

  return (
    <div className="order-desk__number">
      <form
        role="search"
        aria-label={t('orderDesk.number.search')}
        onSubmit={(e) => {
          e.preventDefault();
          if (problem) return;
          setPattern(text.trim());
          setOffset(0);
        }}
      >
        <label htmlFor={inputId} className="order-desk__label">
          {t('orderDesk.number.pattern')}
        </label>
        <Space.Compact>
          <Input
            id={inputId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('orderDesk.number.patternPlaceholder')}
            status={problem ? 'error' : undefined}
            aria-describedby={`${inputId}-help`}
            style={{ width: 220 }}
          />
          <Button htmlType="submit" icon={<SearchOutlined />} disabled={problem !== undefined}>
            {t('orderDesk.number.find')}
          </Button>
        </Space.Compact>
      </form>
      <p id={`${inputId}-help`} className={problem ? 'order-desk__field-error' : 'muted'}>
        {problem ? t(`orderDesk.number.problem.${problem}`) : t('orderDesk.number.patternHelp')}
      </p>
      {(holdError || error) && <Alert type="error" showIcon title={holdError ?? error} />}
      {page.isError && <Alert type="error" showIcon title={page.error instanceof ApiError ? page.error.message : t('error.unavailable')} />}
      {page.data && (
        <>
          <ul className="order-desk__numbers" aria-label={t('orderDesk.number.free')}>
            {page.data.numbers.map(({ number }) => (
              <li key={number}>
                <Button onClick={() => void choose(number)} loading={holding === number} disabled={holding !== undefined}>
                  {number}
                </Button>
              </li>
            ))}
          </ul>
          {page.data.numbers.length === 0 && <p className="muted">{t('orderDesk.number.none')}</p>}
          <Space>
            <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('orderDesk.number.previous')}
            </Button>
            <Button size="small" disabled={!page.data.hasMore} onClick={() => setOffset(offset + PAGE)}>
              {t('orderDesk.number.next')}
            </Button>
          </Space>
        </>
      )}
    </div>
  );
}
