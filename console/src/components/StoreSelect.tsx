import { Select } from 'antd';

/** A filter for one store among those the account's scope shows (the API answers only those); empty means all. */
export function StoreSelect(props: {
  stores: ReadonlyArray<{ storeId: string; name: string }> | undefined;
  value: string | undefined;
  onChange: (storeId: string | undefined) => void;
  placeholder: string;
  loading?: boolean;
  'data-testid': string;
}) {
  return (
    <Select
      style={{ minWidth: 240 }}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={props.placeholder}
      value={props.value}
      onChange={(v?: string) => props.onChange(v || undefined)}
      loading={props.loading}
      options={(props.stores ?? []).map((s) => ({ value: s.storeId, label: `${s.storeId} ${s.name}` }))}
      data-testid={props['data-testid']}
    />
  );
}
