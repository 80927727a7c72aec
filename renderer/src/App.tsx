import { useEffect, useMemo, useState } from 'react';
import { loadProject } from '../../shared/format';
import { TEMPLATES } from '../../shared/templates';
import { LoadProblemsView, ProjectView } from './ProjectView';
import { TitleBar } from './TitleBar';
import { WelcomeView, type TemplateEntry } from './WelcomeView';

/** The application shell: the template gallery, or the open project. */
export function App() {
  const entries = useMemo<TemplateEntry[]>(
    () => TEMPLATES.map((template) => ({ template, loaded: loadProject(template.text) })),
    [],
  );
  const [open, setOpen] = useState<TemplateEntry | null>(null);
  const back = () => setOpen(null);

  const projectName = open === null ? null : open.loaded.ok ? open.loaded.project.meta.name : open.template.title;

  useEffect(() => {
    document.title = projectName === null ? 'Portolan' : `${projectName} — Portolan`;
  }, [projectName]);

  return (
    <div className="pl-app">
      <TitleBar projectName={projectName} onBack={open === null ? null : back} />
      {open === null ? (
        <WelcomeView entries={entries} onOpen={setOpen} />
      ) : open.loaded.ok ? (
        <ProjectView key={open.template.id} project={open.loaded.project} problems={open.loaded.problems} />
      ) : (
        <LoadProblemsView title={open.template.title} problems={open.loaded.problems} onBack={back} />
      )}
    </div>
  );
}
