// The Content-Security-Policy nonce of this response (app/server/web.ts makes one per request):
// the server render puts it on every inline script Remix and React write. In the browser it is
// not needed (scripts added later come from the same origin) and stays undefined.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
