// The country a stored phone number belongs to (see PhoneCountryLabel). The phone-number library behind it is big, so
// it loads the first time a contact card shows a number, not with the first inbox screen.
import { Suspense } from 'react';
import { lazyNamed } from '../../reconnect';

const PhoneCountryLabel = lazyNamed(() => import('./PhoneCountryLabel'), 'PhoneCountryLabel');

export function PhoneCountry({ e164 }: { e164: string }) {
  return (
    <Suspense fallback={null}>
      <PhoneCountryLabel e164={e164} />
    </Suspense>
  );
}
