// The demo bakery's catalog: bread, pastries, cakes and coffee, with Russian (and some Ukrainian) names customers use.
// Prices are EUR cents. One cake is sold out so the demo can show how Lavka handles it.
import type { CatalogService } from './service';
import type { ProductInput } from './types';

export const DEMO_PRODUCTS: ProductInput[] = [
  {
    sku: 'BR-RYE',
    name: 'Rye bread',
    category: 'Bread',
    description: 'Dark sourdough rye, 800 g loaf, baked every morning.',
    priceMinor: 420,
    unit: 'loaf',
    synonyms: ['ржаной хлеб', 'ржаной', 'чёрный хлеб', 'буханка ржаного', 'житній хліб', 'bánh mì đen'],
  },
  {
    sku: 'BR-SOUR',
    name: 'Wheat sourdough',
    category: 'Bread',
    description: 'Light wheat sourdough with a crisp crust, 750 g.',
    priceMinor: 480,
    unit: 'loaf',
    synonyms: ['пшеничный хлеб', 'белый хлеб', 'хлеб на закваске', 'пшеничний хліб'],
  },
  {
    sku: 'BR-BAG',
    name: 'Baguette',
    category: 'Bread',
    description: 'Classic French baguette.',
    priceMinor: 250,
    unit: 'pcs',
    synonyms: ['багет', 'bánh mì que'],
  },
  {
    sku: 'BR-SEED',
    name: 'Seeded multigrain loaf',
    category: 'Bread',
    description: 'Rye and wheat with sunflower, pumpkin and flax seeds.',
    priceMinor: 520,
    unit: 'loaf',
    synonyms: ['зерновой хлеб', 'хлеб с семечками', 'multigrain bread'],
  },
  {
    sku: 'PA-CRO',
    name: 'Croissant',
    category: 'Pastries',
    description: 'Butter croissant.',
    priceMinor: 220,
    unit: 'pcs',
    stock: 40,
    synonyms: ['круассан', 'круасан', 'bánh sừng bò'],
  },
  {
    sku: 'PA-CHOC',
    name: 'Chocolate croissant',
    category: 'Pastries',
    description: 'Croissant dough with dark chocolate.',
    priceMinor: 260,
    unit: 'pcs',
    stock: 24,
    synonyms: ['круассан с шоколадом', 'pain au chocolat', 'шоколадный круассан', 'круасан з шоколадом'],
  },
  {
    sku: 'PA-CIN',
    name: 'Cinnamon roll',
    category: 'Pastries',
    description: 'Soft roll with cinnamon and brown sugar.',
    priceMinor: 290,
    unit: 'pcs',
    synonyms: ['булочка с корицей', 'синнабон', 'булочка з корицею'],
  },
  {
    sku: 'PA-POPPY',
    name: 'Poppy seed roll',
    category: 'Pastries',
    description: 'Yeast roll with a sweet poppy seed filling.',
    priceMinor: 270,
    unit: 'pcs',
    synonyms: ['булочка с маком', 'маковая булочка', 'булочка з маком'],
  },
  {
    sku: 'PA-PIR',
    name: 'Cabbage pirozhok',
    category: 'Pastries',
    description: 'Baked pie with stewed cabbage.',
    priceMinor: 240,
    unit: 'pcs',
    synonyms: ['пирожок с капустой', 'пиріжок з капустою'],
  },
  {
    sku: 'CK-HONEY',
    name: 'Honey cake',
    category: 'Cakes',
    description: 'Layered honey cake (medovik), whole, 1.2 kg. Order a day ahead.',
    priceMinor: 3200,
    unit: 'cake',
    stock: 0,
    synonyms: ['медовик', 'медовый торт', 'торт медовик'],
  },
  {
    sku: 'CK-NAP',
    name: 'Napoleon cake',
    category: 'Cakes',
    description: 'Puff pastry layers with custard, whole, 1 kg.',
    priceMinor: 2900,
    unit: 'cake',
    stock: 3,
    synonyms: ['наполеон', 'торт наполеон'],
  },
  {
    sku: 'CK-CHEESE',
    name: 'Cheesecake',
    category: 'Cakes',
    description: 'Baked cheesecake, whole, 22 cm.',
    priceMinor: 2600,
    unit: 'cake',
    options: [
      {
        name: 'topping',
        values: [
          { value: 'classic', priceDeltaMinor: 0 },
          { value: 'raspberry', priceDeltaMinor: 300 },
        ],
      },
    ],
    synonyms: ['чизкейк', 'творожный торт'],
  },
  {
    sku: 'CF-ESP',
    name: 'Espresso',
    category: 'Coffee',
    description: 'Double shot.',
    priceMinor: 220,
    unit: 'cup',
    synonyms: ['эспрессо', 'еспресо'],
  },
  {
    sku: 'CF-CAP',
    name: 'Cappuccino',
    category: 'Coffee',
    description: '',
    priceMinor: 320,
    unit: 'cup',
    options: [
      {
        name: 'size',
        values: [
          { value: 'small', priceDeltaMinor: 0 },
          { value: 'large', priceDeltaMinor: 80 },
        ],
      },
    ],
    synonyms: ['капучино', 'капуччино'],
  },
  {
    sku: 'CF-LAT',
    name: 'Latte',
    category: 'Coffee',
    description: '',
    priceMinor: 350,
    unit: 'cup',
    options: [
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
    ],
    synonyms: ['латте', 'лате'],
  },
  {
    sku: 'CF-BEANS',
    name: 'Coffee beans 250 g',
    category: 'Coffee',
    description: 'Our house blend, whole beans.',
    priceMinor: 890,
    unit: 'pack',
    stock: 12,
    synonyms: ['кофе в зёрнах', 'зерновой кофе', 'cà phê hạt'],
  },
];

/** Adds the demo products; called from the demo seed inside its transaction. */
export function seedDemoCatalog(catalog: CatalogService): void {
  for (const p of DEMO_PRODUCTS) catalog.create(p);
}
