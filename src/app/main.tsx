import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <p>川渝高竹新区能源大数据监测平台</p>
  </StrictMode>,
);
