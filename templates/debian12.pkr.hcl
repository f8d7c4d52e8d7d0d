# HCL2 twin of templates/debian12.json: written by `kiln hcl2_upgrade templates/debian12.json`, then tidied by hand
# (no packer block: Kiln has the qemu builder built in). Same sources, provisioners, post-processors and
# variables; keep the two in step. Relative paths are from the directory kiln runs in, as in the JSON.

variable "disk_size" {
  type    = string
  default = "4G"
}

variable "iso_checksum" {
  type    = string
  default = "file:https://cdimage.debian.org/cdimage/archive/12.12.0/amd64/iso-cd/SHA256SUMS"
}

variable "iso_url" {
  type    = string
  default = "https://cdimage.debian.org/cdimage/archive/12.12.0/amd64/iso-cd/debian-12.12.0-amd64-netinst.iso"
}

variable "mirror_host" {
  type    = string
  default = ""
}

variable "output_directory" {
  type    = string
  default = "output-debian12"
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

source "qemu" "debian12-bios" {
  boot_command       = ["<wait><esc><wait>", "/install.amd/vmlinuz initrd=/install.amd/initrd.gz auto=true priority=critical ", "url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/debian/preseed.cfg hostname=debian12 domain=local ", "passwd/username=${var.ssh_username} passwd/user-password=${var.ssh_password} ", "passwd/user-password-again=${var.ssh_password} ", var.mirror_host == "" ? "" : "mirror/country=manual mirror/http/hostname=${var.mirror_host} mirror/http/directory=/debian ", "--- quiet<enter>"]
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
  memory             = 1024
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/bios"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "debian12.qcow2"
}

source "qemu" "debian12-uefi" {
  boot_command       = ["<wait>c<wait>", "linux /install.amd/vmlinuz auto=true priority=critical ", "url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/debian/preseed.cfg hostname=debian12 domain=local ", "passwd/username=${var.ssh_username} passwd/user-password=${var.ssh_password} ", "passwd/user-password-again=${var.ssh_password} ", var.mirror_host == "" ? "" : "mirror/country=manual mirror/http/hostname=${var.mirror_host} mirror/http/directory=/debian ", "--- quiet<enter>", "initrd /install.amd/initrd.gz<enter>", "boot<enter>"]
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
  memory             = 1024
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/uefi"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "debian12.qcow2"
}

build {
  description = "Debian 12 (bookworm) JeOS: netinst + preseed over HTTP, OpenSSH and sudo, BIOS (debian12-bios) and UEFI (debian12-uefi) builds; a small generic qcow2 and a streamOptimized VMDK."

  sources = ["source.qemu.debian12-bios", "source.qemu.debian12-uefi"]

  provisioner "shell" {
    execute_command = "{{ .Vars }} sudo -n -E sh '{{ .Path }}'"
    scripts         = ["provisioners/apt/minimize.sh", "provisioners/shared/generalize.sh"]
  }

  post-processor "convert" {
    keep_input_artifact = true
    format              = "vmdk"
    vmdk_subformat      = "streamOptimized"
  }
}
