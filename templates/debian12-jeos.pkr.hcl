# HCL2 twin of templates/debian12-jeos.json: written by `kiln hcl2_upgrade templates/debian12-jeos.json`, then tidied by hand
# (no packer block: Kiln has the qemu builder built in). Same sources, provisioners, post-processors and
# variables; keep the two in step. Relative paths are from the directory kiln runs in, as in the JSON.

variable "accelerator" {
  type    = string
  default = "auto"
}

variable "disk_size" {
  type    = string
  default = "4G"
}

variable "hostname" {
  type    = string
  default = "debian12-jeos"
}

variable "iso_checksum" {
  type    = string
  default = "file:test/fixtures/testos/out/kiln-testos.iso.sha256"
}

variable "iso_url" {
  type    = string
  default = "test/fixtures/testos/out/kiln-testos.iso"
}

variable "output_directory" {
  type    = string
  default = "output-debian12-jeos"
}

variable "rootfs_directory" {
  type    = string
  default = "test/fixtures/jeos/out/http"
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

source "qemu" "debian12-jeos-bios" {
  accelerator  = "${var.accelerator}"
  boot_command = ["<esc><wait>", "install kiln.rootfs=http://{{ .HTTPIP }}:{{ .HTTPPort }}/rootfs.tar.zst<enter>"]
  boot_wait    = "3s"
  cd_content = {
    "install.cfg" = "KILN_USERNAME='${var.ssh_username}'\nKILN_PASSWORD='${var.ssh_password}'\nKILN_HOSTNAME='${var.hostname}'\nKILN_SUDO=nopasswd\nKILN_BOOTLOADER=grub\n"
  }
  cd_label           = "cidata"
  cpus               = 2
  disk_cache         = "unsafe"
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  format             = "qcow2"
  headless           = true
  http_directory     = "${var.rootfs_directory}"
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 1024
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/bios"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "10m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "debian12-jeos.qcow2"
}

source "qemu" "debian12-jeos-uefi" {
  accelerator  = "${var.accelerator}"
  boot_command = ["e<wait><end> kiln.rootfs=http://{{ .HTTPIP }}:{{ .HTTPPort }}/rootfs.tar.zst<enter>"]
  boot_wait    = "35s"
  cd_content = {
    "install.cfg" = "KILN_USERNAME='${var.ssh_username}'\nKILN_PASSWORD='${var.ssh_password}'\nKILN_HOSTNAME='${var.hostname}'\nKILN_SUDO=nopasswd\nKILN_BOOTLOADER=grub\n"
  }
  cd_label           = "cidata"
  cpus               = 2
  disk_cache         = "unsafe"
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  efi_boot           = true
  efi_drop_efivars   = true
  format             = "qcow2"
  headless           = true
  http_directory     = "${var.rootfs_directory}"
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 1024
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/uefi"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "10m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "debian12-jeos.qcow2"
}

build {
  description = "Debian 12 (bookworm) JeOS built here from Debian packages only: the test OS installer ISO unpacks a debootstrap root filesystem (test/fixtures/jeos/build-rootfs.sh, served over HTTP) and installs its GRUB; provisioners shrink it. BIOS (debian12-jeos-bios) and UEFI (debian12-jeos-uefi) builds, a compressed qcow2."

  sources = ["source.qemu.debian12-jeos-bios", "source.qemu.debian12-jeos-uefi"]

  provisioner "shell" {
    execute_command = "{{ .Vars }} sudo -n -E sh '{{ .Path }}'"
    scripts         = ["provisioners/apt/minimize.sh", "provisioners/jeos/slim.sh", "provisioners/shared/generalize.sh"]
  }

}
