import type { Language } from '../../../shared/settings.js';

/** The words main shows outside the window (tray, quit question, notifications), in the station's language. */
export interface DesktopStrings {
  readonly trayTooltip: string;
  readonly open: string;
  readonly quit: string;
  readonly quitTitle: string;
  readonly quitMessage: (unsent: number) => string;
  readonly quitDetail: string;
  readonly keepRunning: string;
  readonly quitAnyway: string;
  readonly needsAttention: string;
  readonly needsAttentionBody: string;
  readonly credentialsRefused: string;
  readonly credentialsRefusedBody: string;
}

const STRINGS: Record<Language, DesktopStrings> = {
  en: {
    trayTooltip: 'Enrollment Station: syncing',
    open: 'Open Enrollment Station',
    quit: 'Quit',
    quitTitle: 'Quit Enrollment Station?',
    quitMessage: (unsent) => (unsent === 1 ? '1 submission has not been sent yet.' : `${unsent} submissions have not been sent yet.`),
    quitDetail: 'They stay safely queued and are sent the next time the station runs. Until then, nothing is sent.',
    keepRunning: 'Keep running',
    quitAnyway: 'Quit anyway',
    needsAttention: 'A submission needs attention',
    needsAttentionBody: 'Open the queue in Enrollment Station to see what to fix.',
    credentialsRefused: 'The provider refused the credentials',
    credentialsRefusedBody: 'Sending is paused. A supervisor can update the credentials in Settings.',
  },
  id: {
    trayTooltip: 'Enrollment Station: menyinkronkan',
    open: 'Buka Enrollment Station',
    quit: 'Keluar',
    quitTitle: 'Keluar dari Enrollment Station?',
    quitMessage: (unsent) => `${unsent} pengajuan belum terkirim.`,
    quitDetail: 'Pengajuan tetap aman di antrean dan dikirim saat stasiun berjalan lagi. Sampai saat itu, tidak ada yang dikirim.',
    keepRunning: 'Tetap berjalan',
    quitAnyway: 'Tetap keluar',
    needsAttention: 'Ada pengajuan yang perlu ditindaklanjuti',
    needsAttentionBody: 'Buka antrean di Enrollment Station untuk melihat apa yang perlu diperbaiki.',
    credentialsRefused: 'Penyedia menolak kredensial',
    credentialsRefusedBody: 'Pengiriman dijeda. Supervisor dapat memperbarui kredensial di Pengaturan.',
  },
  es: {
    trayTooltip: 'Enrollment Station: sincronizando',
    open: 'Abrir Enrollment Station',
    quit: 'Salir',
    quitTitle: '¿Salir de Enrollment Station?',
    quitMessage: (unsent) => (unsent === 1 ? '1 envío aún no se ha enviado.' : `${unsent} envíos aún no se han enviado.`),
    quitDetail: 'Quedan guardados en la cola y se envían la próxima vez que la estación se ejecute. Hasta entonces, no se envía nada.',
    keepRunning: 'Seguir ejecutando',
    quitAnyway: 'Salir de todos modos',
    needsAttention: 'Un envío necesita atención',
    needsAttentionBody: 'Abra la cola en Enrollment Station para ver qué corregir.',
    credentialsRefused: 'El proveedor rechazó las credenciales',
    credentialsRefusedBody: 'El envío está en pausa. Un supervisor puede actualizar las credenciales en Configuración.',
  },
  fr: {
    trayTooltip: 'Enrollment Station : synchronisation',
    open: 'Ouvrir Enrollment Station',
    quit: 'Quitter',
    quitTitle: 'Quitter Enrollment Station ?',
    quitMessage: (unsent) => (unsent === 1 ? "1 envoi n'est pas encore parti." : `${unsent} envois ne sont pas encore partis.`),
    quitDetail: "Ils restent en file d'attente en sécurité et partent au prochain lancement de la station. D'ici là, rien n'est envoyé.",
    keepRunning: 'Continuer',
    quitAnyway: 'Quitter quand même',
    needsAttention: 'Un envoi demande votre attention',
    needsAttentionBody: "Ouvrez la file d'attente dans Enrollment Station pour voir quoi corriger.",
    credentialsRefused: 'Le fournisseur a refusé les identifiants',
    credentialsRefusedBody: 'Les envois sont en pause. Un superviseur peut mettre à jour les identifiants dans les Paramètres.',
  },
};

export const desktopStrings = (language: Language | undefined): DesktopStrings => STRINGS[language ?? 'en'];
