// A payment or a prepaid top-up at the counter (营业厅缴费/充值), for order-entry clerks: the
// customer's account (its dunning case shown when its lines are barred for arrears), the amount and
// how it is paid; one Idempotency-Key per form, so a double click or a retry is one payment. When the
// account is barred for arrears, the payment tells its dunning case, which resumes the lines itself.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Radio, Select, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { DunningNotice, money } from '../../shared/DunningNotice';
import { PageMessage, Panel } from '../../shared/ui';

type PaymentInput = Schemas['CustomerPaymentInput'];
const METHODS: PaymentInput['method'][] = ['cash', 'card', 'wechat', 'alipay', 'bank_transfer'];

export function TakePayment() {
  const { t, label, dateTime } = useI18n();
  const customerId = useParams().customerId!;
  const queryClient = useQueryClient();
  const customer = useQuery({
    queryKey: ['customer360', customerId],
    queryFn: () => unwrap(api.GET('/customer/{id}', { params: { path: { id: customerId } } })),
  });
  const [formKey, setFormKey] = useState(() => crypto.randomUUID());
  const [accountId, setAccountId] = useState<string>();
  const [kind, setKind] = useState<PaymentInput['kind']>('payment');
  const [amountYuan, setAmountYuan] = useState<number | null>(null);
  const [method, setMethod] = useState<PaymentInput['method']>('cash');
  const [reference, setReference] = useState('');

  const pay = useMutation({
    mutationFn: (body: PaymentInput) =>
      unwrap(api.POST('/customer/{id}/payment', { params: { path: { id: customerId }, header: { 'idempotency-key': formKey } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customer360', customerId] }),
    // A refused payment changes nothing: the corrected form is another request, with another key.
    onError: (err) => {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) setFormKey(crypto.randomUUID());
    },
  });

  if (customer.isPending) return <Spin className="app__loading" size="large" />;
  if (customer.isError) {
    const status = customer.error instanceof ApiError ? customer.error.status : 500;
    return (
      <PageMessage
        type={status === 403 ? 'warning' : 'error'}
        title={t(status === 403 ? 'orderDesk.customer.forbidden' : status === 404 ? 'orderDesk.customer.notFound' : 'error.unavailable')}
        detail={customerId}
      />
    );
  }
  const { customer: who, accounts } = customer.data;
  const account = accounts.find((a) => a.id === (accountId ?? accounts[0]?.id));
  const amountCents = amountYuan === null ? 0 : Math.round(amountYuan * 100);
  const done = pay.data;
  const submit = () => {
    if (!account || amountCents <= 0 || pay.isPending || done) return;
    pay.mutate({ accountId: account.id, kind, amountCents, method, ...(reference.trim() ? { reference: reference.trim() } : {}) });
  };

  return (
    <section aria-labelledby="take-payment-title" className="order-desk">
      <Link to={`../../new/${encodeURIComponent(customerId)}`} relative="path" className="back-link">
        <ArrowLeftOutlined /> {t('orderDesk.pay.back')}
      </Link>
      <h1 id="take-payment-title" className="page-title">
        {t('orderDesk.pay.title', { name: who.name })}
      </h1>
      {account && <DunningNotice account={account} />}
      <Panel title={t('orderDesk.pay.form')} id="payment-form">
        <Form layout="vertical" onFinish={submit} style={{ maxWidth: 480 }}>
          <Form.Item label={t('orderDesk.pay.account')} htmlFor="payment-account">
            <Select
              id="payment-account"
              value={account?.id}
              onChange={setAccountId}
              options={accounts.map((a) => ({ value: a.id, label: `${a.id} · ${a.name}` }))}
            />
          </Form.Item>
          <Form.Item label={t('orderDesk.pay.kind')}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as PaymentInput['kind'])}>
              <Radio value="payment">{label('callCentre.paymentKind', 'payment')}</Radio>
              <Radio value="topUp">{label('callCentre.paymentKind', 'topUp')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('orderDesk.pay.amount')} htmlFor="payment-amount">
            <InputNumber
              id="payment-amount"
              min={0.01}
              max={1_000_000}
              step={0.01}
              precision={2}
              value={amountYuan}
              onChange={setAmountYuan}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item label={t('orderDesk.pay.method')} htmlFor="payment-method">
            <Select
              id="payment-method"
              value={method}
              onChange={setMethod}
              options={METHODS.map((m) => ({ value: m, label: label('orderDesk.pay.methods', m) }))}
            />
          </Form.Item>
          <Form.Item label={t('orderDesk.pay.reference')} htmlFor="payment-reference">
            <Input id="payment-reference" maxLength={128} value={reference} onChange={(e) => setReference(e.target.value)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={pay.isPending} disabled={!account || amountCents <= 0 || !!done}>
            {t('orderDesk.pay.submit')}
          </Button>
        </Form>
        {pay.isError && <Alert type="error" showIcon title={pay.error instanceof ApiError ? pay.error.message : t('error.unavailable')} />}
      </Panel>
      {done && (
        <Panel title={t('orderDesk.pay.done')} id="payment-done">
          <Descriptions size="small" column={1} data-testid="payment-done">
            <Descriptions.Item label={t('orderDesk.pay.paymentId')}>{done.paymentId}</Descriptions.Item>
            <Descriptions.Item label={t('callCentre.ledger.amount')}>{money(done.amountCents, done.currency)}</Descriptions.Item>
            <Descriptions.Item label={t('callCentre.ledger.at')}>{dateTime(done.at)}</Descriptions.Item>
            <Descriptions.Item label={t('callCentre.ledger.balanceAfter')}>{money(done.balanceCents, done.currency)}</Descriptions.Item>
          </Descriptions>
        </Panel>
      )}
    </section>
  );
}
