/** @file Lets anything inside the workspace switch tabs ("Open the Data tab") without passing the setter down. */
import { createContext, useContext } from 'react';
import type { TabId } from './tabNavigation';

export const OpenTabContext = createContext<(tab: TabId) => void>(() => {});

export const useOpenTab = () => useContext(OpenTabContext);
