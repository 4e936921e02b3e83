// Demo knowledge for the sample bakery: shop policies and a few Q&A entries, so the assistant has something to
// ground its answers in when Lavka starts with --demo.
import type { Services } from '../services';

export const DEMO_POLICIES = {
  delivery:
    'We deliver in Berlin-Schöneberg and Kreuzberg, Tuesday to Saturday between 12:00 and 18:00. Delivery costs €4.90 and is free for orders from €40. No delivery on Sundays and Mondays.',
  payment: 'In the shop: cash or card (EC, Visa, Mastercard). Delivery orders: PayPal or cash on delivery.',
  returns:
    'Baked goods cannot be returned. If something is wrong with your order, tell us the same day with a photo and the owner will sort it out personally.',
};

export const DEMO_ENTRIES = [
  {
    kind: 'policy' as const,
    title: 'Cakes to order',
    body: 'Custom cakes need at least 48 hours notice. Prices start at €32 for a 20 cm cake. A 50% prepayment confirms the order.',
    keywords: 'cake birthday торт торты день рождения bánh kem Torte Geburtstag',
  },
  {
    kind: 'policy' as const,
    title: 'Allergens',
    body: 'All products may contain traces of nuts, sesame and gluten. Ingredient lists are on the shelf labels and we send them on request.',
    keywords: 'allergy allergies nuts аллергия орехи алергія dị ứng Allergie',
  },
  {
    kind: 'qa' as const,
    title: 'Do you have gluten-free bread?',
    body: 'We bake a gluten-free buckwheat loaf on Tuesdays and Fridays; it is baked in the same kitchen, so it is not safe for coeliacs.',
    keywords: 'gluten free glutenfrei без глютена безглютеновый не gluten không gluten',
  },
  {
    kind: 'qa' as const,
    title: 'Can I reserve bread for later today?',
    body: 'Yes. Write which loaves you want and when you will come; we keep reservations until closing time the same day.',
    keywords: 'reserve put aside hold отложить отложите бронь залишити відкласти giữ reservieren zurücklegen',
  },
  {
    kind: 'qa' as const,
    title: 'Is there parking near the shop?',
    body: 'There is street parking on Hauptstraße and a bike rack in front of the shop.',
    keywords: 'parking car bike парковка машина паркування đỗ xe Parkplatz',
  },
  {
    kind: 'qa' as const,
    title: 'Do you sell coffee?',
    body: 'Yes, coffee to go from our espresso machine, also with oat milk.',
    keywords: 'coffee espresso cappuccino кофе капучино кава cà phê Kaffee',
  },
];

export function seedKnowledgeDemo(s: Services): void {
  s.knowledge.setShopPolicies(DEMO_POLICIES);
  for (const e of DEMO_ENTRIES) s.knowledge.create(e);
}
