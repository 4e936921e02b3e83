// Types of the desktop shell's features as the UI uses them (re-exported from the API module).
export { desktop, isDesktop } from '../../api';
export type { DesktopSettings as DesktopSettingsValue } from '../../../../preload/bridge';
