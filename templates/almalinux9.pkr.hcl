# HCL2 twin of templates/almalinux9.json: written by `kiln hcl2_upgrade templates/almalinux9.json`, then tidied by hand
# (no packer block: Kiln has the qemu builder built in). Same sources, provisioners, post-processors and
# variables; keep the two in step. Relative paths are from the directory kiln runs in, as in the JSON.

variable "disk_size" {
  type    = string
  default = "5G"
}

variable "iso_checksum" {
  type    = string
  default = "file:https://vault.almalinux.org/9.6/isos/x86_64/CHECKSUM"
}

variable "iso_url" {
  type    = string
  default = "https://vault.almalinux.org/9.6/isos/x86_64/AlmaLinux-9.6-x86_64-boot.iso"
}

variable "mirror" {
  type    = string
  default = "https://repo.almalinux.org/almalinux/9"
}

variable "output_directory" {
  type    = string
  default = "output-almalinux9"
}

variable "ssh_password" {
  type      = string
  default   = "kiln-jeos"
  sensitive = true
}

variable "ssh_username" {
  type    = string
  default = "kiln"
}

source "qemu" "almalinux9-bios" {
  boot_command       = ["<wait><up><wait><tab> ", "inst.text inst.ks=http://{{ .HTTPIP }}:{{ .HTTPPort }}/el9/ks.cfg inst.repo=${var.mirror}/BaseOS/x86_64/os/ ", "kiln.user=${var.ssh_username} kiln.password=${var.ssh_password}", "<enter>"]
  boot_wait          = "5s"
  cpus               = 2
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  format             = "qcow2"
  headless           = true
  http_directory     = "http"
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 2048
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/bios"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "almalinux9.qcow2"
}

source "qemu" "almalinux9-uefi" {
  boot_command       = ["<wait><up><wait>e<wait><down><wait><down><wait><end> ", "inst.text inst.ks=http://{{ .HTTPIP }}:{{ .HTTPPort }}/el9/ks.cfg inst.repo=${var.mirror}/BaseOS/x86_64/os/ ", "kiln.user=${var.ssh_username} kiln.password=${var.ssh_password}", "<leftCtrlOn>x<leftCtrlOff>"]
  boot_wait          = "5s"
  cpus               = 2
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  efi_boot           = true
  efi_drop_efivars   = true
  format             = "qcow2"
  headless           = true
  http_directory     = "http"
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 2048
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/uefi"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "almalinux9.qcow2"
}

build {
  description = "AlmaLinux 9 JeOS: the boot ISO with a kickstart over HTTP and packages from the mirror, the minimal environment with OpenSSH and sudo, BIOS (almalinux9-bios) and UEFI (almalinux9-uefi) builds; a small generic qcow2 and a streamOptimized VMDK."

  sources = ["source.qemu.almalinux9-bios", "source.qemu.almalinux9-uefi"]

  provisioner "shell" {
    execute_command = "{{ .Vars }} sudo -n -E sh '{{ .Path }}'"
    scripts         = ["provisioners/el9/minimize.sh", "provisioners/shared/generalize.sh"]
  }

  post-processor "convert" {
    keep_input_artifact = true
    format              = "vmdk"
    vmdk_subformat      = "streamOptimized"
  }
}
