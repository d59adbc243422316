import { createContext, useContext } from 'react';

/** A place in the column's header, between the title and the page links, where the page shown may put a short status (the new-posts pill): it covers no content there. */
export const HeaderSlot = createContext<HTMLElement | null>(null);

export const useHeaderSlot = () => useContext(HeaderSlot);
