import { type PropsWithChildren } from 'react';
import Taro, { usePageNotFound } from '@tarojs/taro';
import { pageNotFoundFallback } from './utils/links';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // A link to a page the app no longer has (the staff tools that moved to the staff console, kept in a bookmark or in
  // WeChat's recent list) opens the staff home or the card instead of a blank page. WeChat wants the redirect made
  // inside the callback.
  usePageNotFound((res) => {
    Taro.reLaunch({ url: pageNotFoundFallback(res.path) });
  });
  return children;
}

export default App;
