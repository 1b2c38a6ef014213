/** @file Imports a run config from a YAML file in the seed pipeline's shape; problems name the file, line and key. */
import { useState } from 'react';
import { parseRunYaml } from '../../core/config/yamlConfig';
import { useStudio } from '../../store';
import { FileButton } from '../components/FileButton';

export function ConfigImport() {
  const setConfig = useStudio((s) => s.setConfig);
  const [messages, setMessages] = useState<{ kind: 'error' | 'warning' | 'ok'; text: string }[]>([]);
  const onFile = async (file: File) => {
    try {
      const parsed = parseRunYaml(await file.text(), file.name);
      setConfig(parsed.config);
      setMessages([{ kind: 'ok', text: `Imported ${file.name}.` }, ...parsed.warnings.map((w) => ({ kind: 'warning' as const, text: w }))]);
    } catch (e) {
      // The form keeps what it had: a bad file changes nothing.
      setMessages((e as Error).message.split('\n').map((text) => ({ kind: 'error' as const, text })));
    }
  };
  return (
    <div className="config-import">
      <FileButton text="Import config YAML…" label="Import config YAML" accept=".yaml,.yml,application/yaml,text/yaml" onFiles={([file]) => void onFile(file)} />
      {messages.length > 0 && (
        <ul className="diagnostics" aria-label="Config import messages">
          {messages.map((m, i) => (
            <li key={i} className={m.kind === 'ok' ? undefined : m.kind} role={m.kind === 'error' ? 'alert' : undefined}>
              {m.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
