// A list's filter as the desks show it: a clearable select named by its placeholder (the same words
// for assistive technology), its options the API's values with their labels from the catalogue.
import { Select } from 'antd';
import { useI18n } from '../i18n';

export function FilterSelect<V extends string>({
  name,
  values,
  group,
  value,
  onChange,
  width = 150,
}: {
  /** The filter's name, shown until a value is chosen. */
  name: string;
  values: readonly V[];
  /** The catalogue group labelling the values (`type`, `place`, `tier`…). */
  group: string;
  value: V | undefined;
  onChange(value: V | undefined): void;
  width?: number;
}) {
  const { label } = useI18n();
  return (
    <Select<V>
      aria-label={name}
      placeholder={name}
      allowClear
      style={{ width }}
      value={value}
      onChange={onChange}
      options={values.map((v) => ({ value: v, label: label(group, v) }))}
    />
  );
}
