import { Migration } from '@mikro-orm/migrations';

// Dependent items (domain/order-dependencies.ts): the templates of data packs and IPTV say what an item
// of theirs may depend on in the same order (FulfilmentTemplate.dependsOn, as in domain/catalog.ts).
// A database seeded before holds the templates without it: they are given it here (the offerings are
// read from the database, not from the code's catalog). Offerings whose template already says something
// are left as they are.
const DEPENDS_ON: Array<{ ids: string[]; dependsOn: object }> = [
  { ids: ['vas-data-500m', 'vas-data-5g'], dependsOn: { serviceLines: ['gsm_mobile', 'gsm_prepaid'], unlessCharacteristic: 'boundNumber' } },
  { ids: ['bb-iptv'], dependsOn: { serviceLines: ['broadband'] } },
  {
    ids: ['vas-caller-id', 'vas-voicemail', 'vas-call-forwarding', 'vas-call-waiting', 'vas-three-way', 'vas-missed-call-alert', 'vas-caller-id-block'],
    dependsOn: { serviceLines: ['fixed_line', 'phs', 'gsm_mobile', 'gsm_prepaid'] },
  },
  {
    ids: ['vas-sms-100', 'vas-mms-20', 'vas-wap-legacy', 'vas-sms-300', 'vas-mobile-newspaper', 'vas-fetion'],
    dependsOn: { serviceLines: ['phs', 'gsm_mobile', 'gsm_prepaid'] },
  },
];

export class Migration014ItemDependencies extends Migration {
  override name = '014-item-dependencies';

  override up(): void {
    for (const { ids, dependsOn } of DEPENDS_ON) {
      const value = JSON.stringify(dependsOn).replace(/'/g, "''");
      const list = ids.map((id) => `'${id}'`).join(', ');
      this.addSql(`
        update product_offering
           set template = jsonb_set(template, '{dependsOn}', '${value}'::jsonb),
               data = jsonb_set(data, '{template,dependsOn}', '${value}'::jsonb)
         where id in (${list}) and template->'dependsOn' is null;`);
    }
  }

  override down(): void {
    const list = DEPENDS_ON.flatMap((d) => d.ids)
      .map((id) => `'${id}'`)
      .join(', ');
    this.addSql(`update product_offering set template = template - 'dependsOn', data = data #- '{template,dependsOn}' where id in (${list});`);
  }
}
