import { useEffect, useState } from 'react';
import { ModelController } from '../store/modelController';
import { HeadGridPanel } from './HeadGridPanel';
import { HeatmapPanel } from './HeatmapPanel';
import { MarketPanel } from './market/MarketPanel';
import { ModelBar } from './ModelBar';
import { SessionBar } from './SessionBar';
import { TextPanel } from './TextPanel';
import { TokenPanel } from './TokenPanel';

export function App() {
  const [controller] = useState(() => new ModelController());
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);

  return (
    <>
      <header className="app-header">
        <h1>Attention Exchange</h1>
        <ModelBar controller={controller} />
        <SessionBar />
      </header>
      <main>
        <div className="column">
          <TextPanel controller={controller} />
          <HeatmapPanel />
        </div>
        <div className="column">
          <HeadGridPanel />
          <TokenPanel />
        </div>
        <MarketPanel />
      </main>
    </>
  );
}
